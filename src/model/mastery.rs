//! The `mastery:` settings of course.yaml (SPEC §2.1, §5): plain data, read by
//! `validate` and used by `compute::mastery`.

/// The eight methods of SPEC §5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The latest score.
    MostRecent,
    /// The best score ever reached.
    Highest,
    /// The arithmetic mean.
    Mean,
    /// The most frequent score; ties go to the highest tied score.
    Mode,
    /// Exponential smoothing: d1 = s1, dk = w·sk + (1−w)·dk−1.
    DecayingAverage,
    /// w·sn + (1−w)·mean(s1 … sn−1), Canvas's older "decaying average".
    WeightedAverage,
    /// Least-squares power-law fit s = a·k^b, evaluated at k = n.
    PowerLaw,
    /// The highest level reached at least `n_times` times.
    NTimes,
}

impl Method {
    /// All SPEC names, for "did you mean" hints; same order as [`Method::ALL`].
    pub const NAMES: [&'static str; 8] = [
        "most_recent",
        "highest",
        "mean",
        "mode",
        "decaying_average",
        "weighted_average",
        "power_law",
        "n_times",
    ];

    /// Every method, in SPEC order.
    pub const ALL: [Method; 8] = [
        Method::MostRecent,
        Method::Highest,
        Method::Mean,
        Method::Mode,
        Method::DecayingAverage,
        Method::WeightedAverage,
        Method::PowerLaw,
        Method::NTimes,
    ];

    /// Parses the SPEC name (`most_recent`, `highest`, `mean`, `mode`, `decaying_average`,
    /// `weighted_average`, `power_law`, `n_times`). Exact match only, so that a typo gets
    /// a "did you mean" diagnostic instead of being silently accepted.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name)
    }

    /// The SPEC name, as written in `course.yaml`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Method::MostRecent => "most_recent",
            Method::Highest => "highest",
            Method::Mean => "mean",
            Method::Mode => "mode",
            Method::DecayingAverage => "decaying_average",
            Method::WeightedAverage => "weighted_average",
            Method::PowerLaw => "power_law",
            Method::NTimes => "n_times",
        }
    }
}

/// One step of the mastery scale, e.g. `{ level: 3, label: Proficient }`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleLevel {
    /// Numeric level; results round down to the highest level not above them.
    pub level: f64,
    /// Name shown for results at this level.
    pub label: String,
}

/// The `mastery:` settings of `course.yaml` (SPEC §2.1).
#[derive(Debug, Clone, PartialEq)]
pub struct MasteryConfig {
    /// How scores are combined.
    pub method: Method,
    /// Weight of the newest score for the two averages. NaN is read as the default
    /// 0.65 and other values are clamped to [0, 1], so a result never leaves the range
    /// of the scores.
    pub decay_weight: f64,
    /// Scores needed for `n_times`; 0 is read as 1, since "at least zero scores" would
    /// put every student at the top level.
    pub n_times: u32,
    /// Levels in any order. Non-finite levels are ignored; if none remain the default
    /// scale is used, so every result still gets a label.
    pub scale: Vec<ScaleLevel>,
    /// Shown results at or above this are proficient.
    pub proficient_at: f64,
}

/// The default scale: 1 Beginning, 2 Developing, 3 Proficient, 4 Advanced.
#[must_use]
pub fn default_scale() -> Vec<ScaleLevel> {
    ["Beginning", "Developing", "Proficient", "Advanced"]
        .iter()
        .zip(1..)
        .map(|(label, level)| ScaleLevel {
            level: f64::from(level),
            label: (*label).to_string(),
        })
        .collect()
}

impl Default for MasteryConfig {
    /// SPEC §2.1 defaults: `decaying_average`, w = 0.65, `n_times` 2, default scale, proficient at 3.
    fn default() -> Self {
        MasteryConfig {
            method: Method::DecayingAverage,
            decay_weight: 0.65,
            n_times: 2,
            scale: default_scale(),
            proficient_at: 3.0,
        }
    }
}
