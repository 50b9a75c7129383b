-- The read side (issue 21): what the person page, the cross-reference and the link queries look up by person, kept cheap.
-- Identity owns review_item; platform owns audit_log, whose merge, unmerge and split entries are a person's history
-- (Platform.Audit.AuditHistory reads them). The audit indexes are partial: they hold those few actions only, so the
-- appends of every other act cost nothing more.
CREATE INDEX review_item_person ON review_item (person_id);

CREATE INDEX audit_log_person_subject ON audit_log (subject)
    WHERE action IN ('person.merge', 'person.unmerge', 'person.split');
CREATE INDEX audit_log_person_into ON audit_log ((detail ->> 'into'))
    WHERE action IN ('person.merge', 'person.unmerge', 'person.split');
CREATE INDEX audit_log_person_from ON audit_log ((detail ->> 'from'))
    WHERE action IN ('person.merge', 'person.unmerge', 'person.split');
