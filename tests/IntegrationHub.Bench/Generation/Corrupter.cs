namespace IntegrationHub.Bench.Generation;

/// <summary>Writes a person's identity fields the way one department would, applying its <see cref="CorruptionProfile"/>.</summary>
public sealed class Corrupter(Random random, NameVariants variants)
{
    private static readonly string[] DotVariants = ["•", ".", "・"];

    /// <param name="phoneShare">How often this feed's records carry the person's phone (0 for feeds without one).</param>
    public IdentityFields Draw(SyntheticPerson person, string department, bool idRequired, bool hasBirthDate, double phoneShare)
    {
        ArgumentNullException.ThrowIfNull(person);
        var profile = CorruptionProfile.For(department);
        var applied = Corruption.None;

        var baseNumber = person.IdNumber;
        if (person.FormerIdNumber is not null && Chance(profile.FormerIdNumber))
        {
            baseNumber = person.FormerIdNumber;
            applied |= Corruption.FormerIdNumber;
        }

        string? idNumber = null;
        if (!idRequired && Chance(profile.IdMissing))
        {
            applied |= Corruption.IdMissing;
        }
        else
        {
            idNumber = WriteNumber(baseNumber, profile, ref applied);
        }

        var name = person.Name;
        if (person.FormerName is not null && Chance(profile.FormerNameUsed))
        {
            name = person.FormerName;
            applied |= Corruption.FormerNameUsed;
        }

        name = WriteName(name, profile, ref applied);

        string? birthDate = null;
        if (hasBirthDate)
        {
            var date = person.BirthDate;
            if (date.Day <= 12 && date.Month != date.Day && Chance(profile.BirthDateDayMonthSwapped))
            {
                date = new DateOnly(date.Year, date.Day, date.Month);
                applied |= Corruption.BirthDateDayMonthSwapped;
            }

            birthDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var phone = person.Phone is not null && Chance(phoneShare) ? person.Phone : null;
        if (phone is not null && Chance(profile.PhoneInternational))
        {
            phone = $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}";
            applied |= Corruption.PhoneInternational;
        }

        return new IdentityFields(idNumber, name, birthDate, phone, applied, baseNumber);
    }

    private string WriteNumber(string number, CorruptionProfile profile, ref Corruption applied)
    {
        var chars = number.ToCharArray();

        // Only people whose card was issued before the 1999 upgrade ever held a 15-digit number.
        var legacy = string.CompareOrdinal(number, 6, "1984", 0, 4) < 0 && number[6] == '1' && number[7] == '9'
                     && Chance(profile.IdLegacy15);

        // A keying error lands on a digit the clerk actually typed: in a 15-digit number there is no "19" and no check character.
        bool Typed(int position) => !legacy || (position is not (6 or 7) && position < 17);

        if (Chance(profile.IdDigitMistyped))
        {
            var position = Generation.Draw.Int(random, 18);
            while (!Typed(position))
            {
                position = Generation.Draw.Int(random, 18);
            }

            var old = chars[position];
            char replacement;
            do
            {
                replacement = (char)('0' + Generation.Draw.Int(random, 10));
            }
            while (replacement == old);
            chars[position] = replacement;
            applied |= Corruption.IdDigitMistyped;
        }
        else if (Chance(profile.IdDigitsTransposed))
        {
            // Adjacent digits among the first 17: a swap with the check character could move an X into the middle.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var position = Generation.Draw.Int(random, 16);
                if (Typed(position) && Typed(position + 1) && chars[position] != chars[position + 1])
                {
                    (chars[position], chars[position + 1]) = (chars[position + 1], chars[position]);
                    applied |= Corruption.IdDigitsTransposed;
                    break;
                }
            }
        }

        var text = new string(chars);
        if (legacy)
        {
            text = string.Concat(text.AsSpan(0, 6), text.AsSpan(8, 9));
            applied |= Corruption.IdLegacy15;
        }

        if (text[^1] == 'X' && Chance(profile.IdLowerCaseX))
        {
            text = text[..^1] + "x";
            applied |= Corruption.IdLowerCaseX;
        }

        if (Chance(profile.IdFullWidth))
        {
            // An input method left in full-width mode turns every character typed into its full-width form.
            text = string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = (char)(source[i] + 0xFEE0);
                }
            });
            applied |= Corruption.IdFullWidth;
        }

        return text;
    }

    private string WriteName(string name, CorruptionProfile profile, ref Corruption applied)
    {
        if (Chance(profile.NameHomophone))
        {
            var positions = Enumerable.Range(0, name.Length).Where(i => variants.HomophonesOf(name[i]).Count > 0).ToArray();
            if (positions.Length > 0)
            {
                var position = Generation.Draw.Pick(random, positions);
                var chars = name.ToCharArray();
                chars[position] = Generation.Draw.Pick(random, variants.HomophonesOf(name[position]));
                name = new string(chars);
                applied |= Corruption.NameHomophone;
            }
        }

        if (Chance(profile.NameTraditional))
        {
            // Someone who writes traditional characters writes the whole name that way.
            var builder = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                var forms = variants.TraditionalOf(c);
                builder.Append(forms.Count > 0 ? forms[0] : c);
            }

            if (builder.ToString() != name)
            {
                name = builder.ToString();
                applied |= Corruption.NameTraditional;
            }
        }

        if (name.Contains('·', StringComparison.Ordinal) && Chance(profile.NameMiddleDotVariant))
        {
            name = name.Replace("·", Generation.Draw.Pick(random, DotVariants), StringComparison.Ordinal);
            applied |= Corruption.NameMiddleDotVariant;
        }

        if (Chance(profile.NameStraySpace))
        {
            var roll = Generation.Draw.Int(random, 10);
            name = roll switch
            {
                // Two-character names padded to line up with three-character ones, with an ASCII or a full-width space.
                < 5 => $"{name[..1]} {name[1..]}",
                < 7 => $"{name[..1]}\u3000{name[1..]}",
                < 9 => name + " ",
                _ => " " + name,
            };
            applied |= Corruption.NameStraySpace;
        }

        return name;
    }

    private bool Chance(double probability) => Generation.Draw.Chance(random, probability);
}
