//! The one date validator: every date the segmenter writes goes through here.

/// Days in `month` of `year` (Gregorian), 0 for a month out of range.
fn days_in(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// "2023-12-11" for a real calendar date, `None` otherwise.
pub fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    (day >= 1 && day <= days_in(i64::from(year), month))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The years an administrative document can carry: the state's first documents date from 1945
/// (the Democratic Republic's founding), and a year past this century is a misreading.
const YEARS: std::ops::RangeInclusive<u32> = 1945..=2099;

/// The year part of a document number ("10/3022/TT-BLĐTBXH") read through one misread digit when
/// it is no year a document can carry (`ocr::one_digit_misread`): a symbol's year is the year
/// of issue (Decree 30/2020/NĐ-CP, appendix VI; Law 80/2015/QH13 for normative documents).
pub fn mend_number_year(number: &str) -> String {
    let mut parts: Vec<String> = number.split('/').map(str::to_string).collect();
    if let Some(y) = parts.get_mut(1) {
        let is_year = y.len() == 4 && y.chars().all(|c| c.is_ascii_digit());
        let plausible = |s: &str| s.parse::<u32>().is_ok_and(|v| YEARS.contains(&v));
        if is_year && !plausible(y) {
            if let Some(fixed) = super::ocr::one_digit_misread(y, plausible) {
                *y = fixed;
            }
        }
    }
    parts.join("/")
}

/// "2023-12-11" for a date read from a document (digits as read, `ocr::ONE` strokes already
/// made digits): the date itself when it is a real date in `YEARS`, else the one reading
/// with a single digit misread that is (`ocr::one_digit_misread`: "ngày 35 tháng 4" is the 25th,
/// "năm 2623" is 2023), else the date as read if the calendar has it, else `None`.
pub fn read(day: &str, month: &str, year: &str) -> Option<String> {
    let parse = |s: &str| -> Option<String> {
        let mut it = s.split('-').map(|p| p.parse::<u32>().ok());
        let (d, m, y) = (it.next()??, it.next()??, it.next()??);
        iso(y, m, d).filter(|_| YEARS.contains(&y))
    };
    let as_read = format!("{day}-{month}-{year}");
    parse(&as_read)
        .or_else(|| {
            super::ocr::one_digit_misread(&as_read, |r| parse(r).is_some()).and_then(|r| parse(&r))
        })
        .or_else(|| {
            let n = |s: &str| s.parse::<u32>().ok();
            iso(n(year)?, n(month)?, n(day)?)
        })
}

/// "--12-11" (ISO 8601 with the year implied) for a day that exists in some year.
pub fn month_day(month: u32, day: u32) -> Option<String> {
    (day >= 1 && day <= days_in(2000, month)).then(|| format!("--{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_only() {
        assert_eq!(iso(2023, 12, 11).as_deref(), Some("2023-12-11"));
        assert_eq!(iso(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(iso(2023, 2, 29), None);
        assert_eq!(iso(2023, 13, 1), None);
        assert_eq!(iso(2023, 4, 31), None);
        assert_eq!(month_day(2, 29).as_deref(), Some("--02-29"));
        assert_eq!(month_day(11, 0), None);
    }

    #[test]
    fn a_number_year_no_document_carries() {
        assert_eq!(mend_number_year("10/3022/TT-BLĐTBXH"), "10/2022/TT-BLĐTBXH");
        assert_eq!(mend_number_year("10/2022/TT-BLĐTBXH"), "10/2022/TT-BLĐTBXH");
        assert_eq!(mend_number_year("3022/QĐ-UBND"), "3022/QĐ-UBND");
        assert_eq!(mend_number_year("37-CT/TW"), "37-CT/TW");
    }

    #[test]
    fn one_misread_digit_mended_by_the_calendar() {
        assert_eq!(read("25", "4", "2024").as_deref(), Some("2024-04-25"));
        assert_eq!(read("35", "4", "2024").as_deref(), Some("2024-04-25"));
        assert_eq!(read("13", "7", "2623").as_deref(), Some("2023-07-13"));
        // Two readings (28 and 30) are real days: not guessed.
        assert_eq!(read("38", "4", "2024"), None);
        // A real date outside the years of the state's documents with no single-digit fix stays.
        assert_eq!(read("1", "1", "1900").as_deref(), Some("1900-01-01"));
    }
}
