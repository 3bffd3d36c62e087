//! CLDR formats of one language through ICU4X: dates, times, month names,
//! numbers and plural categories. Its compiled data covers every CLDR
//! locale; an unknown language gets the root locale's formats.

use icu_datetime::fieldsets;
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use jiff::Zoned;

type Gregorian = icu_calendar::Gregorian;

/// The formatters of one language, made once per rendered language.
pub(super) struct Formats {
    weekday_date: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMDE>,
    date: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YM>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, fieldsets::YMDET>,
    time: NoCalendarFormatter<fieldsets::T>,
    number: DecimalFormatter,
    plurals: PluralRules,
}

fn date_of(z: &Zoned) -> Date<Gregorian> {
    // A civil date from jiff is always a valid Gregorian date.
    Date::try_new_gregorian(i32::from(z.year()), z.month() as u8, z.day() as u8)
        .unwrap_or_else(|_| Date::try_new_gregorian(1970, 1, 1).unwrap_or_else(|_| unreachable!()))
}

fn time_of(z: &Zoned) -> Time {
    Time::try_new(z.hour() as u8, z.minute() as u8, 0, 0).unwrap_or_else(|_| Time::start_of_day())
}

/// The locale for month names with the year: ICU4X 2.4 fails on the
/// Portuguese year-month pattern (`DecimalFormatterNotLoaded`: a debug
/// panic, a numeric month in release), and European Portuguese has the
/// same pattern ("março de 2027") without the fault.
fn month_locale(locale: &Locale) -> Locale {
    if locale.id.language.as_str() == "pt" {
        "pt-PT".parse().unwrap_or_else(|_| locale.clone())
    } else {
        locale.clone()
    }
}

impl Formats {
    /// The formats of `code` (`de`, `pt-br`); `None` when ICU has no data
    /// for it, not even through fallback.
    pub(super) fn new(code: &str) -> Option<Formats> {
        let locale: Locale = code.parse().ok()?;
        let minute = |f: fieldsets::YMDET| f.with_time_precision(TimePrecision::Minute);
        Some(Formats {
            weekday_date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), fieldsets::YMDE::long()).ok()?,
            date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), fieldsets::YMD::long()).ok()?,
            month: FixedCalendarDateTimeFormatter::try_new((&month_locale(&locale)).into(), fieldsets::YM::long())
                .ok()?,
            date_time: FixedCalendarDateTimeFormatter::try_new((&locale).into(), minute(fieldsets::YMDET::long()))
                .ok()?,
            time: NoCalendarFormatter::try_new(
                (&locale).into(),
                fieldsets::T::short().with_time_precision(TimePrecision::Minute),
            )
            .ok()?,
            number: DecimalFormatter::try_new((&locale).into(), Default::default()).ok()?,
            plurals: PluralRules::try_new_cardinal((&locale).into()).ok()?,
        })
    }

    /// "Monday, March 1, 2027".
    pub(super) fn weekday_date(&self, z: &Zoned) -> String {
        self.weekday_date.format(&date_of(z)).to_string()
    }

    /// "March 1, 2027".
    pub(super) fn date(&self, z: &Zoned) -> String {
        self.date.format(&date_of(z)).to_string()
    }

    /// "March 2027".
    pub(super) fn month(&self, z: &Zoned) -> String {
        self.month.format(&date_of(z)).to_string()
    }

    /// "Monday, March 1, 2027 at 9:00 AM".
    pub(super) fn date_time(&self, z: &Zoned) -> String {
        self.date_time.format(&DateTime { date: date_of(z), time: time_of(z) }).to_string()
    }

    /// "9:00 AM".
    pub(super) fn time(&self, z: &Zoned) -> String {
        self.time.format(&time_of(z)).to_string()
    }

    /// "1,234".
    pub(super) fn number(&self, n: u64) -> String {
        self.number.format(&Decimal::from(n)).to_string()
    }

    /// The CLDR plural category of `n`: `one`, `few`, `other`, ….
    pub(super) fn plural(&self, n: u64) -> &'static str {
        match self.plurals.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }
}
