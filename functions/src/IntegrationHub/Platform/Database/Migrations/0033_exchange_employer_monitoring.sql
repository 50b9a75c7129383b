-- Employer employment monitoring (企业用工监测) of the department exchange. Owned by flows.exchange.

-- The enterprises HR monitors (e.g. the national and provincial sample enterprises), replaced whole by HR.
CREATE TABLE exchange_monitored_enterprise (
    credit_code  text PRIMARY KEY,
    level        text NOT NULL,
    added_by     text NOT NULL,
    added_at     timestamptz NOT NULL
);

-- One layoff warning (规模性减员预警) per employer and month, raised once with its event.
CREATE TABLE exchange_layoff_warning (
    credit_code          text NOT NULL,
    month                text NOT NULL,
    separations          integer NOT NULL,
    previous_headcount   integer NOT NULL,
    headcount            integer NOT NULL,
    rule                 text NOT NULL,
    raised_at            timestamptz NOT NULL,
    PRIMARY KEY (credit_code, month)
);
