//! Python's `datetime` module: `date`, `datetime`, `time`, `timedelta` and fixed-offset
//! `timezone`, with the proleptic Gregorian arithmetic of CPython's `_pydatetime` (ordinals,
//! ISO calendar), its validation messages, `str`/`repr`, `isoformat`/`fromisoformat` as
//! CPython 3.11 accepts them, `strftime` as glibc's C locale formats (with Python's own `%f`,
//! `%z`, `%Z`), and `strptime` as `_strptime` matches, through this crate's `re`.
//!
//! Generated code calls these for the registry's datetime family. Naive values that Python
//! would read in local time (`timestamp()`, `fromtimestamp(ts)` without `tz`) are taken as UTC,
//! which is what CPython gives on a machine whose local zone is UTC.

use crate::cmp::PyOrd;
use crate::repr::PyRepr;
use crate::{PyErr, PyResult};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

const US_PER_SEC: i128 = 1_000_000;
const US_PER_DAY: i128 = 86_400 * US_PER_SEC;
const MAX_DAYS: i128 = 999_999_999;
const MAX_ORDINAL: i64 = 3_652_059;
const DAYS_IN_MONTH: [i64; 13] = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i64; 13] = [-1, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
pub const DAY_NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
pub const MONTH_NAMES: [&str; 13] = [
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
];

// ---- Calendar arithmetic (`_pydatetime`'s helpers) ------------------------------------------

pub fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_before_year(y: i64) -> i64 {
    let y = y - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

pub fn days_in_month(y: i64, m: i64) -> i64 {
    if m == 2 && is_leap(y) {
        29
    } else {
        DAYS_IN_MONTH[m as usize]
    }
}

fn days_before_month(y: i64, m: i64) -> i64 {
    DAYS_BEFORE_MONTH[m as usize] + i64::from(m > 2 && is_leap(y))
}

fn ymd2ord(y: i64, m: i64, d: i64) -> i64 {
    days_before_year(y) + days_before_month(y, m) + d
}

fn ord2ymd(n: i64) -> (i64, i64, i64) {
    let mut n = n - 1;
    let n400 = n.div_euclid(146_097);
    n = n.rem_euclid(146_097);
    let mut year = n400 * 400 + 1;
    let n100 = n / 36_524;
    n %= 36_524;
    let n4 = n / 1461;
    n %= 1461;
    let n1 = n / 365;
    n %= 365;
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = (n + 50) >> 5;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + i64::from(month > 2 && leap);
    if preceding > n {
        month -= 1;
        preceding -= DAYS_IN_MONTH[month as usize] + i64::from(month == 2 && leap);
    }
    (year, month, n - preceding + 1)
}

fn iso_week1_monday(year: i64) -> i64 {
    let first = ymd2ord(year, 1, 1);
    let first_weekday = (first + 6) % 7;
    let mut monday = first - first_weekday;
    if first_weekday > 3 {
        monday += 7;
    }
    monday
}

fn check_date(y: i64, m: i64, d: i64) -> PyResult<()> {
    if !(1..=9999).contains(&y) {
        return Err(PyErr::value_error(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(PyErr::value_error("month must be in 1..12"));
    }
    if d < 1 || d > days_in_month(y, m) {
        return Err(PyErr::value_error("day is out of range for month"));
    }
    Ok(())
}

fn check_time(h: i64, mi: i64, s: i64, us: i64) -> PyResult<()> {
    if !(0..=23).contains(&h) {
        return Err(PyErr::value_error("hour must be in 0..23"));
    }
    if !(0..=59).contains(&mi) {
        return Err(PyErr::value_error("minute must be in 0..59"));
    }
    if !(0..=59).contains(&s) {
        return Err(PyErr::value_error("second must be in 0..59"));
    }
    if !(0..=999_999).contains(&us) {
        return Err(PyErr::value_error("microsecond must be in 0..999999"));
    }
    Ok(())
}

fn check_fold(fold: i64) -> PyResult<()> {
    if fold == 0 || fold == 1 {
        Ok(())
    } else {
        Err(PyErr::value_error("fold must be either 0 or 1"))
    }
}

fn out_of_range() -> PyErr {
    PyErr::overflow_error("date value out of range")
}

/// Python's `round()` of a float: half to even.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// `a / b` on integers rounded half to even, as CPython's `_divide_and_round`.
fn div_round(a: i128, b: i128) -> i128 {
    let mut q = floor_div(a, b);
    // The remainder takes the sign of b, as Python's divmod gives it.
    let r2 = 2 * (a - q * b);
    let greater = if b > 0 { r2 > b } else { r2 < b };
    if greater || (r2 == b && q.rem_euclid(2) == 1) {
        q += 1;
    }
    q
}

// ---- timedelta ------------------------------------------------------------------------------

/// `datetime.timedelta`, normalised as CPython keeps it: `0 <= seconds < 86400`, `0 <= microseconds < 10**6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TimeDelta {
    days: i64,
    seconds: i64,
    us: i64,
}

/// A number argument that may be an int or a float (`timedelta(hours=1.5)`).
#[derive(Clone, Copy, Debug)]
pub enum Num {
    I(i64),
    F(f64),
}
impl From<i64> for Num {
    fn from(x: i64) -> Num {
        Num::I(x)
    }
}
impl From<f64> for Num {
    fn from(x: f64) -> Num {
        Num::F(x)
    }
}
impl From<bool> for Num {
    fn from(x: bool) -> Num {
        Num::I(i64::from(x))
    }
}

impl TimeDelta {
    /// From a total count of microseconds; OverflowError past CPython's bounds.
    pub fn from_us(total: i128) -> PyResult<TimeDelta> {
        let days = total.div_euclid(US_PER_DAY);
        let rem = total.rem_euclid(US_PER_DAY);
        if days.abs() > MAX_DAYS {
            return Err(PyErr::overflow_error(format!("days={days}; must have magnitude <= 999999999")));
        }
        Ok(TimeDelta { days: days as i64, seconds: (rem / US_PER_SEC) as i64, us: (rem % US_PER_SEC) as i64 })
    }

    pub fn total_us(&self) -> i128 {
        self.days as i128 * US_PER_DAY + self.seconds as i128 * US_PER_SEC + self.us as i128
    }

    /// `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)`.
    pub fn new(days: Num, seconds: Num, us: Num, ms: Num, minutes: Num, hours: Num, weeks: Num) -> PyResult<TimeDelta> {
        let parts = [
            (days, US_PER_DAY),
            (seconds, US_PER_SEC),
            (us, 1),
            (ms, 1000),
            (minutes, 60 * US_PER_SEC),
            (hours, 3600 * US_PER_SEC),
            (weeks, 7 * US_PER_DAY),
        ];
        let mut exact: i128 = 0;
        let mut frac = 0.0f64;
        let mut any_float = false;
        for (n, unit) in parts {
            match n {
                Num::I(i) => exact += i as i128 * unit,
                Num::F(f) => {
                    if !f.is_finite() {
                        return Err(if f.is_nan() {
                            PyErr::value_error("cannot convert float NaN to integer")
                        } else {
                            PyErr::overflow_error("cannot convert float infinity to integer")
                        });
                    }
                    any_float = true;
                    // The whole units stay exact; only the fraction of a unit is rounded.
                    let whole = f.trunc();
                    if whole.abs() > 1e20 {
                        return Err(PyErr::overflow_error("Python int too large to convert to C int"));
                    }
                    exact += whole as i128 * unit;
                    frac += (f - whole) * unit as f64;
                }
            }
        }
        if any_float {
            let whole = frac.trunc();
            exact += whole as i128;
            exact += round_half_even(frac - whole) as i128;
        }
        TimeDelta::from_us(exact)
    }

    pub fn days(&self) -> i64 {
        self.days
    }
    pub fn seconds(&self) -> i64 {
        self.seconds
    }
    pub fn microseconds(&self) -> i64 {
        self.us
    }
    pub fn total_seconds(&self) -> f64 {
        self.total_us() as f64 / 1e6
    }
    pub fn min() -> TimeDelta {
        TimeDelta { days: -999_999_999, seconds: 0, us: 0 }
    }
    pub fn max() -> TimeDelta {
        TimeDelta { days: 999_999_999, seconds: 86_399, us: 999_999 }
    }
    pub fn resolution() -> TimeDelta {
        TimeDelta { days: 0, seconds: 0, us: 1 }
    }
    pub fn add(&self, o: &TimeDelta) -> PyResult<TimeDelta> {
        TimeDelta::from_us(self.total_us() + o.total_us())
    }
    pub fn sub(&self, o: &TimeDelta) -> PyResult<TimeDelta> {
        TimeDelta::from_us(self.total_us() - o.total_us())
    }
    pub fn neg(&self) -> PyResult<TimeDelta> {
        TimeDelta::from_us(-self.total_us())
    }
    pub fn abs(&self) -> PyResult<TimeDelta> {
        if self.days < 0 {
            self.neg()
        } else {
            Ok(*self)
        }
    }
    pub fn mul_int(&self, n: i64) -> PyResult<TimeDelta> {
        match self.total_us().checked_mul(n as i128) {
            Some(t) => TimeDelta::from_us(t),
            None => Err(PyErr::overflow_error("Python int too large to convert to C int")),
        }
    }
    /// `td * f`, exactly as CPython: the float as an integer ratio, rounded half to even.
    pub fn mul_float(&self, f: f64) -> PyResult<TimeDelta> {
        let (num, den) = float_ratio(f)?;
        let t = self.total_us();
        match t.checked_mul(num) {
            Some(p) => TimeDelta::from_us(div_round(p, den)),
            None => Err(PyErr::overflow_error("Python int too large to convert to C int")),
        }
    }
    pub fn div_float(&self, f: f64) -> PyResult<TimeDelta> {
        if f == 0.0 {
            return Err(PyErr::zero_division_error("division by zero"));
        }
        let (num, den) = float_ratio(f)?;
        match self.total_us().checked_mul(den) {
            Some(p) => TimeDelta::from_us(div_round(p, num)),
            None => Err(PyErr::overflow_error("Python int too large to convert to C int")),
        }
    }
    pub fn div_int(&self, n: i64) -> PyResult<TimeDelta> {
        if n == 0 {
            return Err(PyErr::zero_division_error("integer division or modulo by zero"));
        }
        TimeDelta::from_us(div_round(self.total_us(), n as i128))
    }
    pub fn floordiv_int(&self, n: i64) -> PyResult<TimeDelta> {
        if n == 0 {
            return Err(PyErr::zero_division_error("integer division or modulo by zero"));
        }
        TimeDelta::from_us(floor_div(self.total_us(), n as i128))
    }
    pub fn truediv(&self, o: &TimeDelta) -> PyResult<f64> {
        let b = o.total_us();
        if b == 0 {
            return Err(PyErr::zero_division_error("division by zero"));
        }
        Ok(self.total_us() as f64 / b as f64)
    }
    pub fn floordiv(&self, o: &TimeDelta) -> PyResult<i64> {
        let b = o.total_us();
        if b == 0 {
            return Err(PyErr::zero_division_error("integer division or modulo by zero"));
        }
        Ok(floor_div(self.total_us(), b) as i64)
    }
    pub fn rem(&self, o: &TimeDelta) -> PyResult<TimeDelta> {
        let b = o.total_us();
        if b == 0 {
            return Err(PyErr::zero_division_error("integer modulo by zero"));
        }
        let a = self.total_us();
        TimeDelta::from_us(a - floor_div(a, b) * b)
    }
    pub fn divmod(&self, o: &TimeDelta) -> PyResult<(i64, TimeDelta)> {
        let b = o.total_us();
        if b == 0 {
            return Err(PyErr::zero_division_error("integer division or modulo by zero"));
        }
        let a = self.total_us();
        let q = floor_div(a, b);
        Ok((q as i64, TimeDelta::from_us(a - q * b)?))
    }
    /// `sum(items, start)` over timedeltas.
    pub fn sum(items: impl IntoIterator<Item = TimeDelta>, start: TimeDelta) -> PyResult<TimeDelta> {
        items.into_iter().try_fold(start, |acc, x| acc.add(&x))
    }
    pub fn is_nonzero(&self) -> bool {
        *self != TimeDelta::default()
    }
    /// `format(td, spec)`: timedelta has no `__format__` of its own.
    pub fn format_spec(&self, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            Ok(self.py_str())
        } else {
            Err(PyErr::type_error("unsupported format string passed to datetime.timedelta.__format__"))
        }
    }
}

fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

/// A finite float as `num / den` with `den` a power of two (`float.as_integer_ratio`).
fn float_ratio(f: f64) -> PyResult<(i128, i128)> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f == 0.0 {
        return Ok((0, 1));
    }
    let bits = f.to_bits();
    let sign: i128 = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = (bits & ((1u64 << 52) - 1)) as i128;
    let mut e = if exp == 0 { -1074 } else { exp - 1075 };
    if exp != 0 {
        mant |= 1i128 << 52;
    }
    while mant % 2 == 0 && e < 0 {
        mant /= 2;
        e += 1;
    }
    if e >= 0 {
        if e > 60 {
            return Err(PyErr::overflow_error("Python int too large to convert to C int"));
        }
        Ok((sign * (mant << e), 1))
    } else if e < -120 {
        // Far below a microsecond's resolution: scale both down (the product rounds to zero anyway).
        Ok((sign * mant, 1i128 << 120))
    } else {
        Ok((sign * mant, 1i128 << (-e)))
    }
}

impl PyRepr for TimeDelta {
    fn py_repr(&self) -> String {
        let mut parts = Vec::new();
        if self.days != 0 {
            parts.push(format!("days={}", self.days));
        }
        if self.seconds != 0 {
            parts.push(format!("seconds={}", self.seconds));
        }
        if self.us != 0 {
            parts.push(format!("microseconds={}", self.us));
        }
        if parts.is_empty() {
            "datetime.timedelta(0)".to_string()
        } else {
            format!("datetime.timedelta({})", parts.join(", "))
        }
    }
    fn py_str(&self) -> String {
        let (mm, ss) = (self.seconds / 60 % 60, self.seconds % 60);
        let hh = self.seconds / 3600;
        let mut s = format!("{hh}:{mm:02}:{ss:02}");
        if self.days != 0 {
            let plural = if self.days.abs() != 1 { "s" } else { "" };
            s = format!("{} day{plural}, {s}", self.days);
        }
        if self.us != 0 {
            s += &format!(".{:06}", self.us);
        }
        s
    }
}

impl PyOrd for TimeDelta {
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

// ---- timezone -------------------------------------------------------------------------------

/// A fixed-offset `datetime.timezone`; equal and hashed by its offset only, as CPython's.
#[derive(Clone, Debug)]
pub struct TimeZone {
    offset: TimeDelta,
    name: Option<String>,
}

impl PartialEq for TimeZone {
    fn eq(&self, o: &Self) -> bool {
        self.offset == o.offset
    }
}
impl Eq for TimeZone {}
impl Hash for TimeZone {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.offset.hash(h)
    }
}

impl TimeZone {
    pub fn new(offset: TimeDelta, name: Option<String>) -> PyResult<TimeZone> {
        let t = offset.total_us();
        if t <= -US_PER_DAY || t >= US_PER_DAY {
            return Err(PyErr::value_error(format!(
                "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
                offset.py_repr()
            )));
        }
        Ok(TimeZone { offset, name })
    }
    pub fn utc() -> TimeZone {
        TimeZone { offset: TimeDelta::default(), name: None }
    }
    pub fn utcoffset(&self) -> TimeDelta {
        self.offset
    }
    pub fn tzname(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None => {
                if self.offset.total_us() == 0 {
                    "UTC".to_string()
                } else {
                    format!("UTC{}", format_offset(self.offset, ":"))
                }
            }
        }
    }
}

/// `+HH:MM[:SS[.ffffff]]` as CPython writes a UTC offset.
fn format_offset(off: TimeDelta, sep: &str) -> String {
    let t = off.total_us();
    let sign = if t < 0 { '-' } else { '+' };
    let t = t.abs();
    let (h, m, s, us) = (t / 3_600_000_000, t / 60_000_000 % 60, t / US_PER_SEC % 60, t % US_PER_SEC);
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || us != 0 {
        out += &format!("{sep}{s:02}");
        if us != 0 {
            out += &format!(".{us:06}");
        }
    }
    out
}

impl PyRepr for TimeZone {
    fn py_repr(&self) -> String {
        if self.offset.total_us() == 0 && self.name.is_none() {
            return "datetime.timezone.utc".to_string();
        }
        match &self.name {
            Some(n) => format!("datetime.timezone({}, {})", self.offset.py_repr(), n.py_repr()),
            None => format!("datetime.timezone({})", self.offset.py_repr()),
        }
    }
    fn py_str(&self) -> String {
        self.tzname()
    }
}

// ---- date -----------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    y: i64,
    m: i64,
    d: i64,
}

impl Date {
    pub fn new(y: i64, m: i64, d: i64) -> PyResult<Date> {
        check_date(y, m, d)?;
        Ok(Date { y, m, d })
    }
    pub fn min() -> Date {
        Date { y: 1, m: 1, d: 1 }
    }
    pub fn max() -> Date {
        Date { y: 9999, m: 12, d: 31 }
    }
    pub fn year(&self) -> i64 {
        self.y
    }
    pub fn month(&self) -> i64 {
        self.m
    }
    pub fn day(&self) -> i64 {
        self.d
    }
    pub fn toordinal(&self) -> i64 {
        ymd2ord(self.y, self.m, self.d)
    }
    pub fn fromordinal(n: i64) -> PyResult<Date> {
        if n < 1 {
            return Err(PyErr::value_error("ordinal must be >= 1"));
        }
        if n > MAX_ORDINAL {
            return Err(PyErr::value_error(format!("year {} is out of range", ord2ymd(n).0)));
        }
        let (y, m, d) = ord2ymd(n);
        Ok(Date { y, m, d })
    }
    pub fn weekday(&self) -> i64 {
        (self.toordinal() + 6) % 7
    }
    pub fn isoweekday(&self) -> i64 {
        self.weekday() + 1
    }
    pub fn isocalendar(&self) -> (i64, i64, i64) {
        let mut year = self.y;
        let today = self.toordinal();
        let mut monday = iso_week1_monday(year);
        let mut week = (today - monday).div_euclid(7);
        let mut day = (today - monday).rem_euclid(7);
        if week < 0 {
            year -= 1;
            monday = iso_week1_monday(year);
            week = (today - monday).div_euclid(7);
            day = (today - monday).rem_euclid(7);
        } else if week >= 52 && today >= iso_week1_monday(year + 1) {
            year += 1;
            week = 0;
        }
        (year, week + 1, day + 1)
    }
    pub fn fromisocalendar(year: i64, week: i64, day: i64) -> PyResult<Date> {
        if !(1..=9999).contains(&year) {
            return Err(PyErr::value_error(format!("Year is out of range: {year}")));
        }
        if week <= 0 || week >= 53 {
            let mut out_of_range = true;
            if week == 53 {
                // A year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
                let first_weekday = ymd2ord(year, 1, 1) % 7;
                if first_weekday == 4 || (first_weekday == 3 && is_leap(year)) {
                    out_of_range = false;
                }
            }
            if out_of_range {
                return Err(PyErr::value_error(format!("Invalid week: {week}")));
            }
        }
        if day <= 0 || day > 7 {
            return Err(PyErr::value_error(format!("Invalid day: {day} (range is [1, 7])")));
        }
        let ord = iso_week1_monday(year) + (week - 1) * 7 + (day - 1);
        Date::fromordinal(ord)
    }
    pub fn replace(&self, y: Option<i64>, m: Option<i64>, d: Option<i64>) -> PyResult<Date> {
        Date::new(y.unwrap_or(self.y), m.unwrap_or(self.m), d.unwrap_or(self.d))
    }
    pub fn add(&self, td: &TimeDelta) -> PyResult<Date> {
        let o = self.toordinal() + td.days;
        if (1..=MAX_ORDINAL).contains(&o) {
            Date::fromordinal(o)
        } else {
            Err(out_of_range())
        }
    }
    pub fn sub(&self, td: &TimeDelta) -> PyResult<Date> {
        self.add(&td.neg()?)
    }
    pub fn diff(&self, o: &Date) -> PyResult<TimeDelta> {
        TimeDelta::from_us((self.toordinal() - o.toordinal()) as i128 * US_PER_DAY)
    }
    pub fn isoformat(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
    pub fn ctime(&self) -> String {
        ctime(self, 0, 0, 0)
    }
    pub fn strftime(&self, fmt: &str) -> PyResult<String> {
        Ok(strftime_parts(&Parts::of_date(self), fmt))
    }
    pub fn format_spec(&self, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            Ok(self.isoformat())
        } else {
            self.strftime(spec)
        }
    }
    pub fn fromisoformat(s: &str) -> PyResult<Date> {
        let bad = || PyErr::value_error(format!("Invalid isoformat string: {}", s.py_repr()));
        let c: Vec<char> = s.chars().collect();
        if !(c.len() == 7 || c.len() == 8 || c.len() == 10) {
            return Err(bad());
        }
        match parse_iso_date(&c) {
            Some(Ok(d)) if parse_iso_date_len(&c) == Some(c.len()) => Ok(d),
            Some(Err(e)) => Err(e),
            _ => Err(bad()),
        }
    }
    pub fn fromtimestamp(ts: f64) -> PyResult<Date> {
        Ok(DateTime::fromtimestamp(ts, None)?.date)
    }
}

impl PyRepr for Date {
    fn py_repr(&self) -> String {
        format!("datetime.date({}, {}, {})", self.y, self.m, self.d)
    }
    fn py_str(&self) -> String {
        self.isoformat()
    }
}
impl PyOrd for Date {
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.cmp(other)
    }
}

// ---- time -----------------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Time {
    h: i64,
    mi: i64,
    s: i64,
    us: i64,
    tz: Option<TimeZone>,
    fold: i64,
}

impl Time {
    pub fn new(h: i64, mi: i64, s: i64, us: i64, tz: Option<TimeZone>, fold: i64) -> PyResult<Time> {
        check_time(h, mi, s, us)?;
        check_fold(fold)?;
        Ok(Time { h, mi, s, us, tz, fold })
    }
    pub fn min() -> Time {
        Time { h: 0, mi: 0, s: 0, us: 0, tz: None, fold: 0 }
    }
    pub fn max() -> Time {
        Time { h: 23, mi: 59, s: 59, us: 999_999, tz: None, fold: 0 }
    }
    pub fn hour(&self) -> i64 {
        self.h
    }
    pub fn minute(&self) -> i64 {
        self.mi
    }
    pub fn second(&self) -> i64 {
        self.s
    }
    pub fn microsecond(&self) -> i64 {
        self.us
    }
    pub fn fold(&self) -> i64 {
        self.fold
    }
    pub fn tzinfo(&self) -> Option<TimeZone> {
        self.tz.clone()
    }
    pub fn utcoffset(&self) -> Option<TimeDelta> {
        self.tz.as_ref().map(|z| z.offset)
    }
    pub fn tzname(&self) -> Option<String> {
        self.tz.as_ref().map(|z| z.tzname())
    }
    fn micros(&self) -> i128 {
        ((self.h * 3600 + self.mi * 60 + self.s) as i128) * US_PER_SEC + self.us as i128
    }
    #[allow(clippy::too_many_arguments)]
    pub fn replace(
        &self,
        h: Option<i64>,
        mi: Option<i64>,
        s: Option<i64>,
        us: Option<i64>,
        tz: Option<Option<TimeZone>>,
        fold: Option<i64>,
    ) -> PyResult<Time> {
        Time::new(
            h.unwrap_or(self.h),
            mi.unwrap_or(self.mi),
            s.unwrap_or(self.s),
            us.unwrap_or(self.us),
            tz.unwrap_or_else(|| self.tz.clone()),
            fold.unwrap_or(self.fold),
        )
    }
    pub fn isoformat(&self, timespec: &str) -> PyResult<String> {
        let mut s = format_time(self.h, self.mi, self.s, self.us, timespec)?;
        if let Some(z) = &self.tz {
            s += &format_offset(z.offset, ":");
        }
        Ok(s)
    }
    pub fn strftime(&self, fmt: &str) -> PyResult<String> {
        let d = Date { y: 1900, m: 1, d: 1 };
        Ok(strftime_parts(&Parts::of(&d, self.h, self.mi, self.s, self.us, self.tz.as_ref()), fmt))
    }
    pub fn format_spec(&self, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            self.isoformat("auto")
        } else {
            self.strftime(spec)
        }
    }
    pub fn fromisoformat(s: &str) -> PyResult<Time> {
        let bad = || PyErr::value_error(format!("Invalid isoformat string: {}", s.py_repr()));
        let mut c: Vec<char> = s.chars().collect();
        // 3.11 accepts a leading `T`.
        if c.first() == Some(&'T') && c.len() > 1 {
            c.remove(0);
        }
        match parse_iso_time(&c) {
            Some(r) => r,
            None => Err(bad()),
        }
    }
    fn cmp_checked(&self, o: &Time) -> PyResult<Ordering> {
        match (&self.tz, &o.tz) {
            (None, None) => Ok(self.micros().cmp(&o.micros())),
            (Some(a), Some(b)) => Ok((self.micros() - a.offset.total_us()).cmp(&(o.micros() - b.offset.total_us()))),
            _ => Err(PyErr::type_error("can't compare offset-naive and offset-aware times")),
        }
    }
}

impl PartialEq for Time {
    fn eq(&self, o: &Self) -> bool {
        matches!(self.cmp_checked(o), Ok(Ordering::Equal))
    }
}
impl Eq for Time {}
impl Hash for Time {
    fn hash<H: Hasher>(&self, h: &mut H) {
        (self.micros() - self.tz.as_ref().map_or(0, |z| z.offset.total_us())).hash(h)
    }
}
impl PyOrd for Time {
    /// A naive and an aware time do not compare: the TypeError is recorded for `order_checked`.
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.cmp_checked(other).unwrap_or_else(|e| {
            crate::cmp::order_failed(e);
            Ordering::Equal
        })
    }
}

impl PyRepr for Time {
    fn py_repr(&self) -> String {
        let mut s = format!("datetime.time({}, {}", self.h, self.mi);
        if self.s != 0 || self.us != 0 {
            s += &format!(", {}", self.s);
        }
        if self.us != 0 {
            s += &format!(", {}", self.us);
        }
        if let Some(z) = &self.tz {
            s += &format!(", tzinfo={}", z.py_repr());
        }
        if self.fold != 0 {
            s += ", fold=1";
        }
        s + ")"
    }
    fn py_str(&self) -> String {
        self.isoformat("auto").unwrap_or_default()
    }
}

fn format_time(h: i64, mi: i64, s: i64, us: i64, timespec: &str) -> PyResult<String> {
    Ok(match timespec {
        "auto" if us != 0 => format!("{h:02}:{mi:02}:{s:02}.{us:06}"),
        "auto" | "seconds" => format!("{h:02}:{mi:02}:{s:02}"),
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{mi:02}"),
        "milliseconds" => format!("{h:02}:{mi:02}:{s:02}.{:03}", us / 1000),
        "microseconds" => format!("{h:02}:{mi:02}:{s:02}.{us:06}"),
        _ => return Err(PyErr::value_error("Unknown timespec value")),
    })
}

// ---- datetime -------------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct DateTime {
    date: Date,
    time: Time,
}

impl DateTime {
    #[allow(clippy::too_many_arguments)]
    pub fn new(y: i64, m: i64, d: i64, h: i64, mi: i64, s: i64, us: i64, tz: Option<TimeZone>, fold: i64) -> PyResult<DateTime> {
        Ok(DateTime { date: Date::new(y, m, d)?, time: Time::new(h, mi, s, us, tz, fold)? })
    }
    pub fn min() -> DateTime {
        DateTime { date: Date::min(), time: Time::min() }
    }
    pub fn max() -> DateTime {
        DateTime { date: Date::max(), time: Time::max() }
    }
    pub fn combine(d: &Date, t: &Time, tz: Option<Option<TimeZone>>) -> DateTime {
        let mut time = t.clone();
        if let Some(z) = tz {
            time.tz = z;
        }
        DateTime { date: *d, time }
    }
    pub fn date(&self) -> Date {
        self.date
    }
    pub fn time(&self) -> Time {
        Time { tz: None, ..self.time.clone() }
    }
    pub fn timetz(&self) -> Time {
        self.time.clone()
    }
    pub fn year(&self) -> i64 {
        self.date.y
    }
    pub fn month(&self) -> i64 {
        self.date.m
    }
    pub fn day(&self) -> i64 {
        self.date.d
    }
    pub fn hour(&self) -> i64 {
        self.time.h
    }
    pub fn minute(&self) -> i64 {
        self.time.mi
    }
    pub fn second(&self) -> i64 {
        self.time.s
    }
    pub fn microsecond(&self) -> i64 {
        self.time.us
    }
    pub fn fold(&self) -> i64 {
        self.time.fold
    }
    pub fn tzinfo(&self) -> Option<TimeZone> {
        self.time.tz.clone()
    }
    pub fn utcoffset(&self) -> Option<TimeDelta> {
        self.time.utcoffset()
    }
    pub fn tzname(&self) -> Option<String> {
        self.time.tzname()
    }
    pub fn dst(&self) -> Option<TimeDelta> {
        None
    }
    pub fn weekday(&self) -> i64 {
        self.date.weekday()
    }
    pub fn isoweekday(&self) -> i64 {
        self.date.isoweekday()
    }
    pub fn isocalendar(&self) -> (i64, i64, i64) {
        self.date.isocalendar()
    }
    pub fn toordinal(&self) -> i64 {
        self.date.toordinal()
    }
    pub fn fromordinal(n: i64) -> PyResult<DateTime> {
        Ok(DateTime { date: Date::fromordinal(n)?, time: Time::min() })
    }
    pub fn fromisocalendar(y: i64, w: i64, d: i64) -> PyResult<DateTime> {
        Ok(DateTime { date: Date::fromisocalendar(y, w, d)?, time: Time::min() })
    }
    /// Microseconds since 0001-01-01 00:00 of the wall-clock fields (no offset applied).
    fn local_us(&self) -> i128 {
        (self.date.toordinal() as i128) * US_PER_DAY + self.time.micros()
    }
    /// CPython converts a naive value through local time, probing a day either side, so the first
    /// and last days of the range raise as they do there.
    fn check_local(&self) -> PyResult<()> {
        if self.time.tz.is_none() {
            let o = self.date.toordinal();
            if o == 1 {
                return Err(PyErr::value_error("year 0 is out of range"));
            }
        }
        Ok(())
    }
    fn utc_us(&self) -> i128 {
        self.local_us() - self.time.tz.as_ref().map_or(0, |z| z.offset.total_us())
    }
    fn from_local_us(total: i128, tz: Option<TimeZone>, fold: i64) -> PyResult<DateTime> {
        let ord = total.div_euclid(US_PER_DAY);
        let rem = total.rem_euclid(US_PER_DAY);
        if ord < 1 || ord > MAX_ORDINAL as i128 {
            return Err(out_of_range());
        }
        let secs = (rem / US_PER_SEC) as i64;
        Ok(DateTime {
            date: Date::fromordinal(ord as i64)?,
            time: Time { h: secs / 3600, mi: secs / 60 % 60, s: secs % 60, us: (rem % US_PER_SEC) as i64, tz, fold },
        })
    }
    pub fn add(&self, td: &TimeDelta) -> PyResult<DateTime> {
        DateTime::from_local_us(self.local_us() + td.total_us(), self.time.tz.clone(), 0)
    }
    pub fn sub(&self, td: &TimeDelta) -> PyResult<DateTime> {
        DateTime::from_local_us(self.local_us() - td.total_us(), self.time.tz.clone(), 0)
    }
    pub fn diff(&self, o: &DateTime) -> PyResult<TimeDelta> {
        match (&self.time.tz, &o.time.tz) {
            (None, None) => TimeDelta::from_us(self.local_us() - o.local_us()),
            (Some(_), Some(_)) => TimeDelta::from_us(self.utc_us() - o.utc_us()),
            _ => Err(PyErr::type_error("can't subtract offset-naive and offset-aware datetimes")),
        }
    }
    fn cmp_checked(&self, o: &DateTime) -> PyResult<Ordering> {
        match (&self.time.tz, &o.time.tz) {
            (None, None) => Ok(self.local_us().cmp(&o.local_us())),
            (Some(_), Some(_)) => Ok(self.utc_us().cmp(&o.utc_us())),
            _ => Err(PyErr::type_error("can't compare offset-naive and offset-aware datetimes")),
        }
    }
    #[allow(clippy::too_many_arguments)]
    pub fn replace(
        &self,
        y: Option<i64>,
        m: Option<i64>,
        d: Option<i64>,
        h: Option<i64>,
        mi: Option<i64>,
        s: Option<i64>,
        us: Option<i64>,
        tz: Option<Option<TimeZone>>,
        fold: Option<i64>,
    ) -> PyResult<DateTime> {
        Ok(DateTime { date: self.date.replace(y, m, d)?, time: self.time.replace(h, mi, s, us, tz, fold)? })
    }
    /// `astimezone(tz)`: naive values are taken as local time, which is UTC here.
    pub fn astimezone(&self, tz: Option<TimeZone>) -> PyResult<DateTime> {
        self.check_local()?;
        let target = tz.unwrap_or_else(TimeZone::utc);
        DateTime::from_local_us(self.utc_us() + target.offset.total_us(), Some(target), 0)
    }
    pub fn timestamp(&self) -> PyResult<f64> {
        self.check_local()?;
        let epoch = ymd2ord(1970, 1, 1) as i128 * US_PER_DAY;
        let us = self.utc_us() - epoch;
        // `(self - epoch).total_seconds()`: microseconds over 10**6.
        Ok(us as f64 / 1e6)
    }
    pub fn fromtimestamp(ts: f64, tz: Option<TimeZone>) -> PyResult<DateTime> {
        if ts.is_nan() {
            return Err(PyErr::value_error("Invalid value NaN (not a number)"));
        }
        if !ts.is_finite() || ts.abs() >= 9.2e18 {
            return Err(PyErr::overflow_error("timestamp out of range for platform time_t"));
        }
        // CPython rounds the fraction half to even at microseconds.
        let whole = ts.floor();
        let mut secs = whole as i128;
        let mut us = round_half_even((ts - whole) * 1e6) as i128;
        if us >= US_PER_SEC {
            secs += 1;
            us -= US_PER_SEC;
        }
        let epoch = ymd2ord(1970, 1, 1) as i128 * US_PER_DAY;
        let utc = epoch + secs * US_PER_SEC + us;
        let off = tz.as_ref().map_or(0, |z| z.offset.total_us());
        let total = utc + off;
        let ord = total.div_euclid(US_PER_DAY);
        if ord < 1 || ord > MAX_ORDINAL as i128 {
            let year = ord2ymd(ord as i64).0;
            return Err(PyErr::value_error(format!("year {year} is out of range")));
        }
        DateTime::from_local_us(total, tz, 0)
    }
    pub fn utcfromtimestamp(ts: f64) -> PyResult<DateTime> {
        DateTime::fromtimestamp(ts, None)
    }
    pub fn isoformat(&self, sep: &str, timespec: &str) -> PyResult<String> {
        let mut sepc = sep.chars();
        let (Some(c), None) = (sepc.next(), sepc.next()) else {
            return Err(PyErr::type_error("isoformat() argument 1 must be a unicode character, not str"));
        };
        Ok(format!("{}{c}{}", self.date.isoformat(), self.time.isoformat(timespec)?))
    }
    pub fn ctime(&self) -> String {
        ctime(&self.date, self.time.h, self.time.mi, self.time.s)
    }
    pub fn strftime(&self, fmt: &str) -> PyResult<String> {
        let t = &self.time;
        Ok(strftime_parts(&Parts::of(&self.date, t.h, t.mi, t.s, t.us, t.tz.as_ref()), fmt))
    }
    pub fn format_spec(&self, spec: &str) -> PyResult<String> {
        if spec.is_empty() {
            Ok(self.py_str())
        } else {
            self.strftime(spec)
        }
    }
    pub fn fromisoformat(s: &str) -> PyResult<DateTime> {
        let bad = || PyErr::value_error(format!("Invalid isoformat string: {}", s.py_repr()));
        let c: Vec<char> = s.chars().collect();
        if c.len() < 7 {
            return Err(bad());
        }
        let date_len = parse_iso_date_len(&c).filter(|n| *n <= c.len()).ok_or_else(bad)?;
        let date = match parse_iso_date(&c[..date_len]) {
            Some(Ok(d)) => d,
            Some(Err(e)) => return Err(e),
            None => return Err(bad()),
        };
        if date_len == c.len() {
            return Ok(DateTime { date, time: Time::min() });
        }
        // One separator character of any kind, then the time.
        let rest = &c[date_len + 1..];
        if rest.is_empty() {
            return Err(bad());
        }
        match parse_iso_time(rest) {
            Some(Ok(time)) => Ok(DateTime { date, time }),
            Some(Err(e)) => Err(e),
            None => Err(bad()),
        }
    }
    pub fn strptime(data: &str, fmt: &str) -> PyResult<DateTime> {
        strptime(data, fmt)
    }
}

impl PartialEq for DateTime {
    fn eq(&self, o: &Self) -> bool {
        matches!(self.cmp_checked(o), Ok(Ordering::Equal))
    }
}
impl Eq for DateTime {}
impl Hash for DateTime {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.utc_us().hash(h)
    }
}
impl PyOrd for DateTime {
    /// A naive and an aware datetime do not compare: the TypeError is recorded for `order_checked`.
    fn py_cmp(&self, other: &Self) -> Ordering {
        self.cmp_checked(other).unwrap_or_else(|e| {
            crate::cmp::order_failed(e);
            Ordering::Equal
        })
    }
}

impl PyRepr for DateTime {
    fn py_repr(&self) -> String {
        let (d, t) = (&self.date, &self.time);
        let mut s = format!("datetime.datetime({}, {}, {}, {}, {}", d.y, d.m, d.d, t.h, t.mi);
        if t.s != 0 || t.us != 0 {
            s += &format!(", {}", t.s);
        }
        if t.us != 0 {
            s += &format!(", {}", t.us);
        }
        if let Some(z) = &t.tz {
            s += &format!(", tzinfo={}", z.py_repr());
        }
        if t.fold != 0 {
            s += ", fold=1";
        }
        s + ")"
    }
    fn py_str(&self) -> String {
        self.isoformat(" ", "auto").unwrap_or_default()
    }
}

/// `<`, `<=`, `>`, `>=` between two datetimes or two times: TypeError between naive and aware.
pub fn dt_cmp(a: &DateTime, b: &DateTime) -> PyResult<Ordering> {
    a.cmp_checked(b)
}
pub fn time_cmp(a: &Time, b: &Time) -> PyResult<Ordering> {
    a.cmp_checked(b)
}

/// `ctime()`: CPython's own format, the year padded to four digits.
fn ctime(d: &Date, h: i64, mi: i64, s: i64) -> String {
    let day = &DAY_NAMES[d.weekday() as usize][..3];
    let mon = &MONTH_NAMES[d.m as usize][..3];
    format!("{day} {mon} {:2} {h:02}:{mi:02}:{s:02} {:04}", d.d, d.y)
}

// ---- ISO 8601 parsing (CPython 3.11's `fromisoformat`) --------------------------------------

fn digits(c: &[char]) -> Option<i64> {
    if c.is_empty() || !c.iter().all(|x| x.is_ascii_digit()) {
        return None;
    }
    Some(c.iter().fold(0i64, |a, x| a * 10 + (*x as i64 - '0' as i64)))
}

/// The length of the date part at the start of `c` (CPython's `_find_isoformat_datetime_separator`).
fn parse_iso_date_len(c: &[char]) -> Option<usize> {
    let len = c.len();
    if len == 7 {
        return Some(7);
    }
    if len > 4 && c[4] == '-' {
        // Extended format.
        if len > 5 && c[5] == 'W' {
            if len < 8 {
                return None;
            }
            if len > 8 && c[8] == '-' {
                if len == 9 {
                    return None;
                }
                if len > 10 && c[10].is_ascii_digit() {
                    return Some(8);
                }
                return Some(10);
            }
            return Some(8);
        }
        return Some(10);
    }
    // Basic format.
    if len > 4 && c[4] == 'W' {
        let mut idx = 7;
        while idx < len && idx < 8 {
            if !c[idx].is_ascii_digit() {
                break;
            }
            idx += 1;
        }
        return Some(idx.min(len));
    }
    Some(8.min(len))
}

fn parse_iso_date(c: &[char]) -> Option<PyResult<Date>> {
    let year = digits(c.get(0..4)?)?;
    let mut pos = 4;
    let has_sep = c.get(pos) == Some(&'-');
    if has_sep {
        pos += 1;
    }
    if c.get(pos) == Some(&'W') {
        pos += 1;
        let week = digits(c.get(pos..pos + 2)?)?;
        pos += 2;
        let mut day = 1;
        if pos < c.len() {
            if c[pos] == '-' {
                if !has_sep {
                    return None;
                }
                pos += 1;
            } else if has_sep {
                return None;
            }
            day = digits(c.get(pos..pos + 1)?)?;
            pos += 1;
        }
        if pos != c.len() {
            return None;
        }
        return Some(Date::fromisocalendar(year, week, day));
    }
    let month = digits(c.get(pos..pos + 2)?)?;
    pos += 2;
    if has_sep {
        if c.get(pos) != Some(&'-') {
            return None;
        }
        pos += 1;
    }
    let day = digits(c.get(pos..pos + 2)?)?;
    pos += 2;
    if pos != c.len() {
        return None;
    }
    Some(Date::new(year, month, day))
}

/// `HH[:MM[:SS[.f+]]]` or the basic `HH[MM[SS[.f+]]]`, then an optional `Z` or `±HH[:MM[:SS[.f+]]]`.
fn parse_iso_time(c: &[char]) -> Option<PyResult<Time>> {
    let tz_pos = c.iter().position(|x| *x == '+' || *x == '-' || *x == 'Z');
    let (tpart, zpart) = match tz_pos {
        Some(p) => (&c[..p], Some(&c[p..])),
        None => (c, None),
    };
    let (h, mi, s, us) = parse_hms(tpart)?;
    let tz = match zpart {
        None => None,
        Some(z) if z == ['Z'] => Some(TimeZone::utc()),
        Some(z) => {
            if z[0] == 'Z' || z.len() < 3 {
                return None;
            }
            let (zh, zm, zs, zus) = parse_hms(&z[1..])?;
            let sign = if z[0] == '-' { -1 } else { 1 };
            let total = sign * ((((zh * 60 + zm) * 60 + zs) as i128) * US_PER_SEC + zus as i128);
            let off = match TimeDelta::from_us(total) {
                Ok(o) => o,
                Err(e) => return Some(Err(e)),
            };
            match TimeZone::new(off, None) {
                Ok(z) => Some(z),
                Err(e) => return Some(Err(e)),
            }
        }
    };
    Some(Time::new(h, mi, s, us, tz, 0))
}

fn parse_hms(c: &[char]) -> Option<(i64, i64, i64, i64)> {
    let h = digits(c.get(0..2)?)?;
    let mut pos = 2;
    let mut vals = [0i64; 2];
    let mut has_sep: Option<bool> = None;
    for v in vals.iter_mut() {
        if pos >= c.len() || c[pos] == '.' || c[pos] == ',' {
            break;
        }
        let sep = c[pos] == ':';
        match has_sep {
            None => has_sep = Some(sep),
            Some(x) if x != sep => return None,
            _ => {}
        }
        if sep {
            pos += 1;
        }
        *v = digits(c.get(pos..pos + 2)?)?;
        pos += 2;
    }
    let mut us = 0;
    if pos < c.len() {
        if c[pos] != '.' && c[pos] != ',' {
            return None;
        }
        // A fraction only after the seconds.
        let want = if has_sep == Some(true) { 8 } else { 6 };
        if pos != want {
            return None;
        }
        let frac = &c[pos + 1..];
        if frac.is_empty() || !frac.iter().all(|x| x.is_ascii_digit()) {
            return None;
        }
        let mut six: String = frac.iter().take(6).collect();
        while six.len() < 6 {
            six.push('0');
        }
        us = six.parse().ok()?;
        pos = c.len();
    }
    if pos != c.len() {
        return None;
    }
    Some((h, vals[0], vals[1], us))
}

// ---- strftime (glibc's C locale, with Python's %f %z %Z) ------------------------------------

struct Parts<'a> {
    date: Date,
    h: i64,
    mi: i64,
    s: i64,
    us: i64,
    tz: Option<&'a TimeZone>,
}

impl<'a> Parts<'a> {
    fn of_date(d: &Date) -> Parts<'static> {
        Parts { date: *d, h: 0, mi: 0, s: 0, us: 0, tz: None }
    }
    fn of(d: &Date, h: i64, mi: i64, s: i64, us: i64, tz: Option<&'a TimeZone>) -> Parts<'a> {
        Parts { date: *d, h, mi, s, us, tz }
    }
}

fn pad(v: i64, width: usize, fill: char) -> String {
    let s = v.abs().to_string();
    let sign = if v < 0 { "-" } else { "" };
    if s.len() >= width {
        return format!("{sign}{s}");
    }
    let p: String = std::iter::repeat(fill).take(width - s.len()).collect();
    format!("{sign}{p}{s}")
}

fn strftime_parts(p: &Parts, fmt: &str) -> String {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // Python replaces %f, %z and %Z itself before the C library sees the format.
        match chars.get(i + 1) {
            Some('f') => {
                out += &format!("{:06}", p.us);
                i += 2;
                continue;
            }
            Some('z') => {
                if let Some(z) = p.tz {
                    out += &format_offset(z.offset, "");
                }
                i += 2;
                continue;
            }
            Some('Z') => {
                if let Some(z) = p.tz {
                    out += &z.tzname();
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        // glibc: flags, a width, an E/O modifier, then the conversion.
        let start = i;
        i += 1;
        let mut flag: Option<char> = None;
        let mut upper = false;
        while let Some(&c) = chars.get(i) {
            match c {
                '-' | '_' | '0' => flag = Some(c),
                '^' => upper = true,
                '#' => {}
                _ => break,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        while let Some(&c) = chars.get(i) {
            if let Some(dg) = c.to_digit(10) {
                width = Some(width.unwrap_or(0) * 10 + dg as usize);
                i += 1;
            } else {
                break;
            }
        }
        if matches!(chars.get(i), Some('E') | Some('O')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        match conversion(p, conv) {
            Some((text, numeric)) => {
                let mut text = match (numeric, flag) {
                    (Some(_), Some('-')) => text.trim_start_matches(['0', ' ']).to_string(),
                    (Some(_), Some('_')) => {
                        let t = text.trim_start_matches('0');
                        let t = if t.is_empty() { "0" } else { t };
                        format!("{}{t}", " ".repeat(text.len().saturating_sub(t.len())))
                    }
                    (Some(_), Some('0')) => text.replace(' ', "0"),
                    _ => text,
                };
                if matches!(numeric, Some(_)) && flag == Some('-') && text.is_empty() {
                    text = "0".to_string();
                }
                if upper {
                    text = text.to_uppercase();
                }
                if let Some(w) = width {
                    let n = text.chars().count();
                    if n < w {
                        let fill = if numeric.is_some() && flag != Some('_') { '0' } else { ' ' };
                        let fill = if flag == Some('_') { ' ' } else if flag == Some('0') { '0' } else { fill };
                        text = format!("{}{text}", fill.to_string().repeat(w - n));
                    }
                }
                out += &text;
            }
            None => out.extend(&chars[start..i]),
        }
    }
    out
}

/// One conversion's text, and whether it is a number (flags pad numbers only).
fn conversion(p: &Parts, c: char) -> Option<(String, Option<()>)> {
    let d = &p.date;
    let wday = (d.weekday() + 1) % 7; // Sunday = 0
    let yday = d.toordinal() - ymd2ord(d.y, 1, 1); // 0-based
    let h12 = if p.h % 12 == 0 { 12 } else { p.h % 12 };
    let num = |s: String| Some((s, Some(())));
    let txt = |s: String| Some((s, None));
    match c {
        'a' => txt(DAY_NAMES[d.weekday() as usize][..3].to_string()),
        'A' => txt(DAY_NAMES[d.weekday() as usize].to_string()),
        'b' | 'h' => txt(MONTH_NAMES[d.m as usize][..3].to_string()),
        'B' => txt(MONTH_NAMES[d.m as usize].to_string()),
        'c' => txt(strftime_parts(p, "%a %b %e %H:%M:%S %Y")),
        'C' => num(d.y.div_euclid(100).to_string()),
        'd' => num(pad(d.d, 2, '0')),
        'D' | 'x' => txt(strftime_parts(p, "%m/%d/%y")),
        'e' => num(pad(d.d, 2, ' ')),
        'F' => txt(format!("{}-{:02}-{:02}", d.y, d.m, d.d)),
        'G' => num(d.isocalendar().0.to_string()),
        'g' => num(pad(d.isocalendar().0.rem_euclid(100), 2, '0')),
        'H' => num(pad(p.h, 2, '0')),
        'I' => num(pad(h12, 2, '0')),
        'j' => num(pad(yday + 1, 3, '0')),
        'k' => num(pad(p.h, 2, ' ')),
        'l' => num(pad(h12, 2, ' ')),
        'm' => num(pad(d.m, 2, '0')),
        'M' => num(pad(p.mi, 2, '0')),
        'n' => txt("\n".to_string()),
        'p' => txt(if p.h < 12 { "AM" } else { "PM" }.to_string()),
        'P' => txt(if p.h < 12 { "am" } else { "pm" }.to_string()),
        'r' => txt(strftime_parts(p, "%I:%M:%S %p")),
        'R' => txt(strftime_parts(p, "%H:%M")),
        's' => {
            let epoch = ymd2ord(1970, 1, 1);
            let secs = (d.toordinal() - epoch) * 86_400 + p.h * 3600 + p.mi * 60 + p.s
                - p.tz.map_or(0, |z| (z.offset.total_us() / US_PER_SEC) as i64);
            num(secs.to_string())
        }
        'S' => num(pad(p.s, 2, '0')),
        't' => txt("\t".to_string()),
        'T' | 'X' => txt(strftime_parts(p, "%H:%M:%S")),
        'u' => num(d.isoweekday().to_string()),
        'U' => num(pad((yday + 7 - wday) / 7, 2, '0')),
        'V' => num(pad(d.isocalendar().1, 2, '0')),
        'w' => num(wday.to_string()),
        'W' => num(pad((yday + 7 - (wday + 6) % 7) / 7, 2, '0')),
        'y' => num(pad(d.y.rem_euclid(100), 2, '0')),
        'Y' => num(d.y.to_string()),
        '%' => txt("%".to_string()),
        _ => None,
    }
}

// ---- strptime (`_strptime` in the C locale) --------------------------------------------------

const F_WEEKDAY: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const F_MONTH: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

fn seq_re(names: &[&str], group: char) -> String {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    format!("(?P<{group}>{})", v.join("|"))
}

fn abbr(xs: &[&'static str]) -> Vec<&'static str> {
    xs.iter().map(|s| &s[..3]).collect()
}

fn directive_re(c: char) -> Option<String> {
    Some(match c {
        'd' => r"(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])".into(),
        'f' => r"(?P<f>[0-9]{1,6})".into(),
        'H' => r"(?P<H>2[0-3]|[0-1]\d|\d)".into(),
        'I' => r"(?P<I>1[0-2]|0[1-9]|[1-9])".into(),
        'G' => r"(?P<G>\d\d\d\d)".into(),
        'j' => r"(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])".into(),
        'm' => r"(?P<m>1[0-2]|0[1-9]|[1-9])".into(),
        'M' => r"(?P<M>[0-5]\d|\d)".into(),
        'S' => r"(?P<S>6[0-1]|[0-5]\d|\d)".into(),
        'U' => r"(?P<U>5[0-3]|[0-4]\d|\d)".into(),
        'W' => r"(?P<W>5[0-3]|[0-4]\d|\d)".into(),
        'w' => r"(?P<w>[0-6])".into(),
        'u' => r"(?P<u>[1-7])".into(),
        'V' => r"(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)".into(),
        'y' => r"(?P<y>\d\d)".into(),
        'Y' => r"(?P<Y>\d\d\d\d)".into(),
        'z' => r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))".into(),
        'A' => seq_re(&F_WEEKDAY, 'A'),
        'a' => seq_re(&abbr(&F_WEEKDAY), 'a'),
        'B' => seq_re(&F_MONTH, 'B'),
        'b' => seq_re(&abbr(&F_MONTH), 'b'),
        'p' => seq_re(&["am", "pm"], 'p'),
        'Z' => seq_re(&["utc", "gmt"], 'Z'),
        '%' => "%".into(),
        _ => return None,
    })
}

/// `TimeRE.pattern`: the format with regex characters escaped, whitespace runs as `\s+` and
/// each directive replaced by its group. Err carries the bad directive (or None for a stray `%`).
fn strptime_pattern(fmt: &str) -> Result<String, Option<char>> {
    let mut escaped = String::new();
    for ch in fmt.chars() {
        if "\\.^$*+?(){}[]|".contains(ch) {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    // Runs of whitespace become `\s+`.
    let mut spaced = String::new();
    let mut in_ws = false;
    for ch in escaped.chars() {
        if ch.is_whitespace() {
            if !in_ws {
                spaced += r"\s+";
            }
            in_ws = true;
        } else {
            in_ws = false;
            spaced.push(ch);
        }
    }
    let chars: Vec<char> = spaced.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let Some(&d) = chars.get(i + 1) else { return Err(None) };
        let re = match d {
            'c' => strptime_pattern("%a %b %d %H:%M:%S %Y")?,
            'x' => strptime_pattern("%m/%d/%y")?,
            'X' => strptime_pattern("%H:%M:%S")?,
            _ => directive_re(d).ok_or(Some(d))?,
        };
        out += &re;
        i += 2;
    }
    Ok(out)
}

fn strptime(data: &str, fmt: &str) -> PyResult<DateTime> {
    let pattern = match strptime_pattern(fmt) {
        Ok(p) => p,
        Err(Some(d)) => {
            let d = if d == '\\' { '%' } else { d };
            return Err(PyErr::value_error(format!("'{d}' is a bad directive in format '{fmt}'")));
        }
        Err(None) => return Err(PyErr::value_error(format!("stray % in format '{fmt}'"))),
    };
    // re.IGNORECASE.
    let re = crate::re::compile(&pattern, 2)?;
    let Some(found) = crate::re::match_(&re, data)? else {
        return Err(PyErr::value_error(format!(
            "time data {} does not match format {}",
            data.py_repr(),
            fmt.py_repr()
        )));
    };
    let end = found.end(0)? as usize;
    let n = data.chars().count();
    if end != n {
        let rest: String = data.chars().skip(end).collect();
        return Err(PyErr::value_error(format!("unconverted data remains: {rest}")));
    }
    let g = |k: &str| found.group_named(k).ok().flatten();
    let int = |s: &str| s.trim().parse::<i64>().unwrap_or(0);
    let mut iso_year: Option<i64> = None;
    let mut year: Option<i64> = None;
    let (mut month, mut day, mut hour, mut minute, mut second, mut fraction) = (1, 1, 0, 0, 0, 0);
    let mut gmtoff: Option<i64> = None;
    let mut gmtoff_fraction = 0;
    let (mut iso_week, mut week_of_year, mut week_starts_mon): (Option<i64>, Option<i64>, bool) = (None, None, false);
    let (mut weekday, mut julian): (Option<i64>, Option<i64>) = (None, None);
    // Group order follows the format, as the dict of named groups does in CPython.
    let names = group_order(&pattern);
    for key in names {
        let Some(v) = g(&key) else { continue };
        match key.as_str() {
            "y" => {
                let y = int(&v);
                year = Some(if y <= 68 { y + 2000 } else { y + 1900 });
            }
            "Y" => year = Some(int(&v)),
            "G" => iso_year = Some(int(&v)),
            "m" => month = int(&v),
            "B" => month = F_MONTH.iter().position(|m| *m == v.to_lowercase()).unwrap_or(0) as i64 + 1,
            "b" => month = F_MONTH.iter().position(|m| m[..3] == v.to_lowercase()).unwrap_or(0) as i64 + 1,
            "d" => day = int(&v),
            "H" => hour = int(&v),
            "I" => {
                hour = int(&v);
                let ampm = g("p").unwrap_or_default().to_lowercase();
                if ampm.is_empty() || ampm == "am" {
                    if hour == 12 {
                        hour = 0;
                    }
                } else if ampm == "pm" && hour != 12 {
                    hour += 12;
                }
            }
            "M" => minute = int(&v),
            "S" => second = int(&v),
            "f" => {
                let mut s = v.clone();
                while s.len() < 6 {
                    s.push('0');
                }
                fraction = int(&s);
            }
            "A" => weekday = F_WEEKDAY.iter().position(|d| *d == v.to_lowercase()).map(|x| x as i64),
            "a" => weekday = F_WEEKDAY.iter().position(|d| d[..3] == v.to_lowercase()).map(|x| x as i64),
            "w" => {
                let w = int(&v);
                weekday = Some(if w == 0 { 6 } else { w - 1 });
            }
            "u" => weekday = Some(int(&v) - 1),
            "j" => julian = Some(int(&v)),
            "U" | "W" => {
                week_of_year = Some(int(&v));
                week_starts_mon = key == "W";
            }
            "V" => iso_week = Some(int(&v)),
            "z" => {
                if v == "Z" {
                    gmtoff = Some(0);
                } else {
                    let mut z: Vec<char> = v.chars().collect();
                    if z[3] == ':' {
                        z.remove(3);
                        if z.len() > 5 {
                            if z[5] != ':' {
                                return Err(PyErr::value_error(format!("Inconsistent use of : in {v}")));
                            }
                            z.remove(5);
                        }
                    }
                    let part = |a: usize, b: usize| -> i64 {
                        let s: String = z.iter().skip(a).take(b - a).collect();
                        if s.is_empty() {
                            0
                        } else {
                            int(&s)
                        }
                    };
                    let secs = part(1, 3) * 3600 + part(3, 5) * 60 + part(5, 7);
                    let mut rem: String = z.iter().skip(8).collect();
                    while rem.len() < 6 {
                        rem.push('0');
                    }
                    let mut frac = int(&rem);
                    let mut off = secs;
                    if z[0] == '-' {
                        off = -off;
                        frac = -frac;
                    }
                    gmtoff = Some(off);
                    gmtoff_fraction = frac;
                }
            }
            _ => {}
        }
    }
    if year.is_none() && iso_year.is_some() {
        if iso_week.is_none() || weekday.is_none() {
            return Err(PyErr::value_error("ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u')."));
        }
        if julian.is_some() {
            return Err(PyErr::value_error("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead."));
        }
    } else if week_of_year.is_none() && iso_week.is_some() {
        return Err(PyErr::value_error(if weekday.is_none() {
            "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u')."
        } else {
            "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead."
        }));
    }
    let mut leap_year_fix = false;
    let mut year = match year {
        Some(y) => y,
        None if month == 2 && day == 29 => {
            leap_year_fix = true;
            1904
        }
        None => 1900,
    };
    if julian.is_none() {
        if let Some(wd) = weekday {
            if let Some(woy) = week_of_year {
                julian = Some(julian_from_u_or_w(year, woy, wd, week_starts_mon)?);
            } else if let (Some(iy), Some(iw)) = (iso_year, iso_week) {
                let (y, j) = julian_from_v(iy, iw, wd + 1)?;
                year = y;
                julian = Some(j);
            }
            if let Some(j) = julian {
                if j <= 0 {
                    year -= 1;
                    julian = Some(j + if is_leap(year) { 366 } else { 365 });
                }
            }
        }
    }
    match julian {
        None => {
            Date::new(year, month, day)?;
        }
        Some(j) => {
            let d = Date::fromordinal(j - 1 + Date::new(year, 1, 1)?.toordinal())?;
            year = d.y;
            month = d.m;
            day = d.d;
        }
    }
    if leap_year_fix {
        year = 1900;
    }
    let tz = match gmtoff {
        None => None,
        Some(off) => {
            let delta = TimeDelta::from_us(off as i128 * US_PER_SEC + gmtoff_fraction as i128)?;
            let name = g("Z").filter(|s| !s.is_empty());
            Some(TimeZone::new(delta, name)?)
        }
    };
    DateTime::new(year, month, day, hour, minute, second, fraction, tz, 0)
}

/// The named groups of a pattern in the order they open.
fn group_order(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(p) = rest.find("(?P<") {
        let after = &rest[p + 4..];
        if let Some(e) = after.find('>') {
            out.push(after[..e].to_string());
        }
        rest = &rest[p + 4..];
    }
    out
}

fn julian_from_u_or_w(year: i64, week_of_year: i64, day_of_week: i64, week_starts_mon: bool) -> PyResult<i64> {
    let mut first_weekday = Date::new(year, 1, 1)?.weekday();
    let mut dow = day_of_week;
    if !week_starts_mon {
        first_weekday = (first_weekday + 1) % 7;
        dow = (dow + 1) % 7;
    }
    let week_0_length = (7 - first_weekday) % 7;
    Ok(if week_of_year == 0 {
        1 + dow - first_weekday
    } else {
        1 + week_0_length + 7 * (week_of_year - 1) + dow
    })
}

fn julian_from_v(iso_year: i64, iso_week: i64, iso_weekday: i64) -> PyResult<(i64, i64)> {
    let correction = Date::new(iso_year, 1, 4)?.isoweekday() + 3;
    let mut ordinal = iso_week * 7 + iso_weekday - correction;
    let mut y = iso_year;
    if ordinal < 1 {
        ordinal += Date::new(y, 1, 1)?.toordinal();
        y -= 1;
        ordinal -= Date::new(y, 1, 1)?.toordinal();
    }
    Ok((y, ordinal))
}

// ---- Ordering helpers the comparison ops call -----------------------------------------------

/// `a < b` and friends on two values of one datetime type (`op`: "lt", "le", "gt", "ge").
pub fn compare<T: Compare>(a: &T, b: &T, op: &str) -> PyResult<bool> {
    let o = a.checked_cmp(b)?;
    Ok(match op {
        "lt" => o == Ordering::Less,
        "le" => o != Ordering::Greater,
        "gt" => o == Ordering::Greater,
        _ => o != Ordering::Less,
    })
}

pub trait Compare {
    fn checked_cmp(&self, o: &Self) -> PyResult<Ordering>;
}
impl Compare for Date {
    fn checked_cmp(&self, o: &Self) -> PyResult<Ordering> {
        Ok(self.cmp(o))
    }
}
impl Compare for TimeDelta {
    fn checked_cmp(&self, o: &Self) -> PyResult<Ordering> {
        Ok(self.cmp(o))
    }
}
impl Compare for DateTime {
    fn checked_cmp(&self, o: &Self) -> PyResult<Ordering> {
        self.cmp_checked(o)
    }
}
impl Compare for Time {
    fn checked_cmp(&self, o: &Self) -> PyResult<Ordering> {
        self.cmp_checked(o)
    }
}

// ---- calendar -------------------------------------------------------------------------------

/// `calendar.leapdays(y1, y2)`: leap years in `[y1, y2)`.
pub fn leapdays(y1: i64, y2: i64) -> i64 {
    let (a, b) = (y1 - 1, y2 - 1);
    (b.div_euclid(4) - a.div_euclid(4)) - (b.div_euclid(100) - a.div_euclid(100)) + (b.div_euclid(400) - a.div_euclid(400))
}

fn illegal_month(m: i64) -> PyErr {
    PyErr::new(crate::ErrKind::IllegalMonthError, format!("bad month number {m}; must be 1-12"))
}

/// `calendar.weekday(y, m, d)`: years outside 1..9999 are moved into range by whole 400-year cycles.
pub fn weekday(y: i64, m: i64, d: i64) -> PyResult<i64> {
    let y = if (1..=9999).contains(&y) { y } else { 2000 + y.rem_euclid(400) };
    Ok(Date::new(y, m, d)?.weekday())
}

/// `calendar.monthrange(y, m)`: the weekday of the first day and the number of days.
pub fn monthrange(y: i64, m: i64) -> PyResult<(i64, i64)> {
    if !(1..=12).contains(&m) {
        return Err(illegal_month(m));
    }
    Ok((weekday(y, m, 1)?, days_in_month(y, m)))
}

/// `calendar.monthcalendar(y, m)`: weeks from Monday, days outside the month as 0.
pub fn monthcalendar(y: i64, m: i64) -> PyResult<Vec<Vec<i64>>> {
    let (first, n) = monthrange(y, m)?;
    let mut cells: Vec<i64> = vec![0; first as usize];
    cells.extend(1..=n);
    while cells.len() % 7 != 0 {
        cells.push(0);
    }
    Ok(cells.chunks(7).map(|w| w.to_vec()).collect())
}

/// `hash(date)`: `_Py_HashBytes` of its 4-byte state (year big-endian, month, day).
impl crate::PyHash for Date {
    fn py_hash(&self) -> i64 {
        crate::pyhash::hash_bytes(&[(self.y >> 8) as u8, (self.y & 0xff) as u8, self.m as u8, self.d as u8])
    }
}

/// `hash(timedelta)`: the hash of the tuple (days, seconds, microseconds).
impl crate::PyHash for TimeDelta {
    fn py_hash(&self) -> i64 {
        crate::pyhash::hash_tuple([self.days, self.seconds, self.us].map(crate::pyhash::hash_int))
    }
}

/// The hash of a timedelta of `total` microseconds (normalised as CPython keeps it).
fn delta_hash_us(total: i128) -> i64 {
    let days = total.div_euclid(US_PER_DAY);
    let rem = total.rem_euclid(US_PER_DAY);
    crate::pyhash::hash_tuple([days as i64, (rem / US_PER_SEC) as i64, (rem % US_PER_SEC) as i64].map(crate::pyhash::hash_int))
}

/// `hash(timezone)`: its offset's.
impl crate::PyHash for TimeZone {
    fn py_hash(&self) -> i64 {
        crate::PyHash::py_hash(&self.offset)
    }
}

/// `hash(time)`: naive, `_Py_HashBytes` of its 6-byte state (fold left out); aware, the hash of the timedelta of
/// its time of day minus its offset.
impl crate::PyHash for Time {
    fn py_hash(&self) -> i64 {
        match &self.tz {
            None => crate::pyhash::hash_bytes(&[
                self.h as u8,
                self.mi as u8,
                self.s as u8,
                (self.us >> 16) as u8,
                ((self.us >> 8) & 0xff) as u8,
                (self.us & 0xff) as u8,
            ]),
            Some(z) => delta_hash_us(self.micros() - z.offset.total_us()),
        }
    }
}

/// `hash(datetime)`: naive, `_Py_HashBytes` of its 10-byte state (fold left out); aware, the hash of the timedelta
/// from day 1 to its UTC time.
impl crate::PyHash for DateTime {
    fn py_hash(&self) -> i64 {
        match &self.time.tz {
            None => {
                let (d, t) = (&self.date, &self.time);
                crate::pyhash::hash_bytes(&[
                    (d.y >> 8) as u8,
                    (d.y & 0xff) as u8,
                    d.m as u8,
                    d.d as u8,
                    t.h as u8,
                    t.mi as u8,
                    t.s as u8,
                    (t.us >> 16) as u8,
                    ((t.us >> 8) & 0xff) as u8,
                    (t.us & 0xff) as u8,
                ])
            }
            Some(_) => delta_hash_us(self.utc_us()),
        }
    }
}
