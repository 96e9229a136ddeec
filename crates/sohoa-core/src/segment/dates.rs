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
}
