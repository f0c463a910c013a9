//! Mastery methods (SPEC §5): one student's scores on one standard become one level.
//!
//! Uses only the settings' types from `model` (`mastery:` in course.yaml), so the
//! arithmetic can be tested on its own (`raw_value`, the value before rounding, is
//! only for the tests).

/// Guards against binary representation error (2.65 is stored as 2.6499…) without
/// being large enough to merge scores anyone would consider different.
const EPS: f64 = 1e-9;

pub use crate::model::mastery::{MasteryConfig, Method, ScaleLevel, default_scale};

/// One score on one standard. `date` is any ordered key (the crate passes its own Date
/// type); `seq` is the file order, used to break ties between equal dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Score<D> {
    /// When the score was given.
    pub date: D,
    /// Position in file order; decides among scores with the same date.
    pub seq: usize,
    /// The score; NaN and infinities are ignored.
    pub value: f64,
}

/// A student's mastery of one standard.
#[derive(Debug, Clone, PartialEq)]
pub enum Mastery {
    /// No usable score yet; deliberately distinct from a score of zero.
    NotYetAssessed,
    /// A result on the scale.
    Assessed {
        /// Rounded to one decimal, half away from zero (for `n_times`: the level L).
        value: f64,
        /// Label of the highest scale level ≤ `value`; the lowest label if below all.
        label: String,
        /// The scale level that `label` belongs to.
        level: f64,
        /// `value >= proficient_at` (for `n_times`: L ≥ `proficient_at`).
        proficient: bool,
        /// Number of finite scores considered.
        count: usize,
    },
}

/// Computes a student's mastery on one standard from all scores that touch it. Sorts by
/// (date, seq) itself; does not need its input sorted.
#[must_use]
pub fn compute<D: Ord + Clone>(scores: &[Score<D>], config: &MasteryConfig) -> Mastery {
    let values = ordered_values(scores);
    let scale = sorted_scale(config);
    let Some(raw) = raw_from_values(&values, config, &scale) else {
        return Mastery::NotYetAssessed;
    };
    let value = round1(raw);
    // n_times already yields a level; rounding it first could move it onto another level.
    let basis = if config.method == Method::NTimes {
        raw
    } else {
        value
    };
    let (level, label) =
        step_at(basis, &scale).map_or((basis, String::new()), |s| (s.level, s.label.clone()));
    Mastery::Assessed {
        value,
        label,
        level,
        proficient: basis + EPS >= config.proficient_at,
        count: values.len(),
    }
}

/// The raw value before rounding/labelling (None = not yet assessed).
#[cfg(test)]
#[must_use]
pub fn raw_value<D: Ord + Clone>(scores: &[Score<D>], config: &MasteryConfig) -> Option<f64> {
    raw_from_values(&ordered_values(scores), config, &sorted_scale(config))
}

/// Finite scores in (date, seq) order.
fn ordered_values<D: Ord>(scores: &[Score<D>]) -> Vec<f64> {
    let mut kept: Vec<&Score<D>> = scores.iter().filter(|s| s.value.is_finite()).collect();
    kept.sort_by(|a, b| a.date.cmp(&b.date).then(a.seq.cmp(&b.seq)));
    kept.into_iter().map(|s| s.value).collect()
}

/// Finite scale levels, ascending, never empty (see [`MasteryConfig::scale`]).
fn sorted_scale(config: &MasteryConfig) -> Vec<ScaleLevel> {
    let mut scale: Vec<ScaleLevel> = config
        .scale
        .iter()
        .filter(|s| s.level.is_finite())
        .cloned()
        .collect();
    if scale.is_empty() {
        scale = default_scale();
    }
    scale.sort_by(|a, b| a.level.total_cmp(&b.level));
    scale
}

/// Round-down lookup; falls back to the lowest step so low results still get a label.
fn step_at(value: f64, scale: &[ScaleLevel]) -> Option<&ScaleLevel> {
    scale
        .iter()
        .rev()
        .find(|s| s.level <= value + EPS)
        .or_else(|| scale.first())
}

/// Rounds to one decimal, half away from zero, as the decimal number a person reads:
/// the nudge makes 2.65 (stored as 2.6499…) give 2.7.
fn round1(x: f64) -> f64 {
    let tenths = x * 10.0;
    if !tenths.is_finite() {
        return x;
    }
    let nudge = EPS * tenths.abs().max(1.0);
    // `+ 0.0` turns -0.0 into 0.0 so a tiny negative never shows as "-0".
    (tenths + nudge.copysign(tenths)).round() / 10.0 + 0.0
}

fn raw_from_values(s: &[f64], config: &MasteryConfig, scale: &[ScaleLevel]) -> Option<f64> {
    let (&first, later) = s.split_first()?;
    let (&last, rest) = s.split_last()?;
    let w = if config.decay_weight.is_nan() {
        0.65
    } else {
        config.decay_weight.clamp(0.0, 1.0)
    };
    let raw = match config.method {
        Method::MostRecent => last,
        Method::Highest => s.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Method::Mean => mean(s),
        Method::Mode => mode(s),
        Method::DecayingAverage => later.iter().fold(first, |d, &x| w * x + (1.0 - w) * d),
        Method::WeightedAverage if rest.is_empty() => last,
        Method::WeightedAverage => w * last + (1.0 - w) * mean(rest),
        Method::PowerLaw => power_law(s, scale),
        Method::NTimes => return n_times(s, config.n_times, scale),
    };
    // Huge finite inputs can still overflow; an infinite mastery would mean nothing.
    raw.is_finite().then_some(raw)
}

/// Running mean, which cannot overflow where a plain sum of large scores would.
fn mean(s: &[f64]) -> f64 {
    s.iter()
        .zip(1_usize..)
        .fold(0.0, |m, (&x, k)| m + (x - m) / k as f64)
}

/// Most frequent exact value; scanning ascending with `>=` lets higher values win ties.
fn mode(s: &[f64]) -> f64 {
    let mut sorted = s.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut best = (0, f64::NAN);
    for run in sorted.chunk_by(|a, b| a == b) {
        if let Some(&value) = run.first().filter(|_| run.len() >= best.0) {
            best = (run.len(), value);
        }
    }
    best.1
}

/// Fits ln s = ln a + b·ln k by least squares and returns a·n^b clamped to the scale.
///
/// Scores ≤ 0 cannot be logged and are **skipped**, keeping their place in the k
/// numbering (the curve is still evaluated at k = n). Clamping them to a tiny positive
/// value instead would make ln s a huge negative outlier that dominates the fit: a single
/// early 0 before three 3s would fake a steep rise. If no score is positive the result is
/// the lowest level, where any fit tending to zero would be clamped. With one score in
/// total the SPEC says s1, unclamped.
fn power_law(s: &[f64], scale: &[ScaleLevel]) -> f64 {
    if let [only] = s {
        return *only;
    }
    let lo = scale.first().map_or(f64::MIN, |l| l.level);
    let hi = scale.last().map_or(f64::MAX, |l| l.level);
    let points: Vec<(f64, f64)> = s
        .iter()
        .zip(1_usize..)
        .filter(|(x, _)| **x > 0.0)
        .map(|(x, k)| ((k as f64).ln(), x.ln()))
        .collect();
    if points.is_empty() {
        return lo;
    }
    let m = points.len() as f64;
    let mx = points.iter().map(|p| p.0).sum::<f64>() / m;
    let my = points.iter().map(|p| p.1).sum::<f64>() / m;
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    // A lone positive score has no slope to fit: treat it as flat.
    let b = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let ln_n = (s.len() as f64).ln();
    (my + b * (ln_n - mx)).exp().max(lo).min(hi)
}

/// Highest level reached by at least `n` scores (exact comparison, no rounding).
fn n_times(s: &[f64], n: u32, scale: &[ScaleLevel]) -> Option<f64> {
    let needed = usize::try_from(n.max(1)).unwrap_or(usize::MAX);
    scale
        .iter()
        .rev()
        .map(|l| l.level)
        .find(|&level| s.iter().filter(|&&x| x >= level).count() >= needed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Method::*;

    /// The default config with another method (and `n_times`).
    fn cfg(method: Method, n_times: u32) -> MasteryConfig {
        let base = MasteryConfig::default();
        MasteryConfig {
            method,
            n_times,
            ..base
        }
    }
    fn score<D>(date: D, seq: usize, value: f64) -> Score<D> {
        Score { date, seq, value }
    }
    /// Dates 0, 1, 2 … in the order given.
    fn scores(values: &[f64]) -> Vec<Score<usize>> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| score(i, i, v))
            .collect()
    }
    fn raw(method: Method, values: &[f64]) -> Option<f64> {
        raw_value(&scores(values), &cfg(method, 2))
    }
    /// An assessed result on the default scale; `level` follows from `label`.
    fn shown(value: f64, label: &str, proficient: bool, count: usize) -> Mastery {
        let step = default_scale().into_iter().find(|l| l.label == label);
        let level = step.map_or(f64::NAN, |l| l.level);
        let label = label.to_string();
        Mastery::Assessed {
            value,
            label,
            level,
            proficient,
            count,
        }
    }
    /// Asserts the shown result for `values` (dated in the order given).
    fn expect(config: &MasteryConfig, values: &[f64], want: (f64, &str, bool)) {
        let count = values.iter().filter(|v| v.is_finite()).count();
        let got = compute(&scores(values), config);
        assert_eq!(
            got,
            shown(want.0, want.1, want.2, count),
            "{config:?} {values:?}"
        );
    }
    fn not_yet(config: &MasteryConfig, values: &[f64]) {
        assert_eq!(compute(&scores(values), config), Mastery::NotYetAssessed);
    }

    #[test]
    fn names_round_trip() {
        for (m, n) in Method::ALL.into_iter().zip(Method::NAMES) {
            assert_eq!((Method::from_name(n), m.name()), (Some(m), n));
        }
        assert_eq!(Method::from_name("Mean"), None);
        assert_eq!(Method::from_name("decaying"), None);
    }

    #[test]
    fn empty_and_non_finite_input_is_not_yet_assessed() {
        for m in Method::ALL {
            not_yet(&cfg(m, 2), &[]);
            not_yet(&cfg(m, 2), &[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
            assert_eq!(raw(m, &[]), None);
        }
        // NaN and -inf dropped, leaving only 3.
        let mixed = [f64::NAN, 3.0, f64::NEG_INFINITY];
        expect(&cfg(Mean, 2), &mixed, (3.0, "Proficient", true));
        // 1e308 + 1e308 overflows a plain sum; the running mean stays finite.
        assert_eq!(raw(Mean, &[1e308, 1e308]), Some(1e308));
    }

    #[test]
    fn one_score_every_method() {
        // Every method gives s1 = 2.5 (power_law: n = 1 → s1); 2.5 rounds down to level 2.
        for m in Method::ALL.into_iter().filter(|&m| m != NTimes) {
            expect(&cfg(m, 2), &[2.5], (2.5, "Developing", false));
        }
        // n_times 2 needs two scores → not yet; with 1: highest L ≤ 2.5 is 2.
        not_yet(&cfg(NTimes, 2), &[2.5]);
        expect(&cfg(NTimes, 1), &[2.5], (2.0, "Developing", false));
    }

    const S: [f64; 5] = [1.0, 3.0, 2.0, 4.0, 3.0];
    /// Expected results for s = [1, 3, 2, 4, 3] with the default config.
    /// - `most_recent` 3; highest 4; mean 13/5 = 2.6; mode 3 (twice, others once)
    /// - decaying: d = 1; .65·3+.35·1 = 2.3; .65·2+.35·2.3 = 2.105; .65·4+.35·2.105 = 3.33675;
    ///   .65·3+.35·3.33675 = 3.1178625 → 3.1
    /// - weighted: .65·3 + .35·mean(1,3,2,4) = 1.95 + .35·2.5 = 2.825 → 2.8
    /// - `power_law`: x = ln k, y = ln s; x̄ = ln(120)/5 = .957498, ȳ = ln(72)/5 = .855333,
    ///   Sxx = 1.615489, Sxy = 1.118060, b = .692087;
    ///   ln fit = ȳ + b·(ln 5 − x̄) = .855333 + .692087·.651940 = 1.306532 → e^… = 3.6933 → 3.7
    /// - `n_times` (2): L = 4 has one score ≥ 4; L = 3 has three (3, 4, 3) → 3
    const SEVERAL: [(Method, f64, &str, bool); 8] = [
        (MostRecent, 3.0, "Proficient", true),
        (Highest, 4.0, "Advanced", true),
        (Mean, 2.6, "Developing", false),
        (Mode, 3.0, "Proficient", true),
        (DecayingAverage, 3.1, "Proficient", true),
        (WeightedAverage, 2.8, "Developing", false),
        (PowerLaw, 3.7, "Proficient", true),
        (NTimes, 3.0, "Proficient", true),
    ];

    fn check_several<D: Ord + Clone>(input: &[Score<D>]) {
        for (m, value, label, proficient) in SEVERAL {
            let want = shown(value, label, proficient, 5);
            assert_eq!(compute(input, &cfg(m, 2)), want, "{m:?}");
        }
    }

    #[test]
    fn several_scores_every_method() {
        check_several(&scores(&S));
    }

    #[test]
    fn out_of_date_order_is_sorted() {
        // Same five scores, array shuffled; dates carry the order, seq deliberately reversed.
        check_several(&[3, 0, 4, 1, 2].map(|i| score(10 * i, 99 - i, S[i])));
    }

    #[test]
    fn equal_dates_broken_by_seq() {
        // One date for all; seq carries the order; array reversed.
        check_several(&[4, 3, 2, 1, 0].map(|i| score("2026-09-22", i, S[i])));
    }

    #[test]
    fn mode_ties_and_exact_values() {
        // 2 and 3 both appear twice → the higher, 3.
        assert_eq!(raw(Mode, &[2.0, 3.0, 3.0, 2.0, 1.0]), Some(3.0));
        // 3.0 and 3.0000001 are different values (once each); 2 appears twice → 2.
        assert_eq!(raw(Mode, &[3.0, 3.000_000_1, 2.0, 2.0]), Some(2.0));
        // All different → all tied at one → the highest, 4.
        assert_eq!(raw(Mode, &[4.0, 1.0, 2.0]), Some(4.0));
    }

    #[test]
    fn n_times_enough_and_not_enough() {
        let twice = cfg(NTimes, 2);
        // Only one score ≥ 1 (1.5) → no level reached twice; one score is never twice.
        not_yet(&twice, &[1.5, 0.5]);
        not_yet(&twice, &[4.0]);
        // Two scores ≥ 4.
        expect(&twice, &[4.0, 1.0, 4.0], (4.0, "Advanced", true));
        // ≥ 4: one, ≥ 3: one, ≥ 2: three → 2, below proficient_at 3.
        expect(&twice, &[2.0, 2.0, 4.0], (2.0, "Developing", false));
        // n_times 3 over [4, 3, 3, 2]: ≥ 4 one, ≥ 3 three → 3.
        expect(
            &cfg(NTimes, 3),
            &[4.0, 3.0, 3.0, 2.0],
            (3.0, "Proficient", true),
        );
    }

    #[test]
    fn power_law_fit_and_clamping() {
        let power = cfg(PowerLaw, 2);
        // [2, 2, 3]: x̄ = ln 6/3 = .597253, ȳ = ln 12/3 = .828302, Sxx = .617268,
        // Sxy = .203284, b = .329328; ln fit = .828302 + .329328·(ln 3 − .597253) = .993414
        // → e^.993414 = 2.7004 → 2.7.
        expect(&power, &[2.0, 2.0, 3.0], (2.7, "Developing", false));
        // s = k² exactly: a = 1, b = 2 → 3² = 9, clamped to the top level 4.
        expect(&power, &[1.0, 4.0, 9.0], (4.0, "Advanced", true));
        // s = k⁻² exactly: 1/9, clamped up to the lowest level 1.
        assert_eq!(raw(PowerLaw, &[1.0, 0.25, 1.0 / 9.0]), Some(1.0));
    }

    #[test]
    fn power_law_skips_non_positive_scores() {
        // The 0 at k = 1 is skipped; k = 2, 3, 4 all score 3 → flat fit → 3 (count still 4).
        expect(
            &cfg(PowerLaw, 2),
            &[0.0, 3.0, 3.0, 3.0],
            (3.0, "Proficient", true),
        );
        // Nothing positive → lowest level.
        assert_eq!(raw(PowerLaw, &[0.0, -1.0]), Some(1.0));
        // A single 0 is s1 itself (n = 1), shown below the lowest level.
        expect(&cfg(PowerLaw, 2), &[0.0], (0.0, "Beginning", false));
    }

    #[test]
    fn spec_examples_for_the_averages() {
        // Decaying: d = 2; .65·3 + .35·2 = 2.65; .65·4 + .35·2.65 = 2.6 + .9275 = 3.5275 → 3.5.
        let d = raw(DecayingAverage, &[2.0, 3.0, 4.0]).unwrap_or(f64::NAN);
        assert!((d - 3.5275).abs() < 1e-12, "{d}");
        expect(
            &cfg(DecayingAverage, 2),
            &[2.0, 3.0, 4.0],
            (3.5, "Proficient", true),
        );
        // Weighted: .65·4 + .35·mean(1, 2, 3) = 2.6 + .35·2 = 3.3.
        expect(
            &cfg(WeightedAverage, 2),
            &[1.0, 2.0, 3.0, 4.0],
            (3.3, "Proficient", true),
        );
    }

    #[test]
    fn rounding_and_round_down_labels() {
        assert_eq!([2.65, 2.95, 0.15, -2.65].map(round1), [2.7, 3.0, 0.2, -2.7]);
        assert!(round1(-0.04).is_sign_positive());
        let last = cfg(MostRecent, 2);
        expect(&last, &[3.9], (3.9, "Proficient", true));
        expect(&last, &[4.0], (4.0, "Advanced", true));
        // Label comes from the rounded value: 3.96 → 4.0 → Advanced.
        expect(&last, &[3.96], (4.0, "Advanced", true));
        // Below the lowest level: keeps the value, takes the lowest label.
        expect(&last, &[0.5], (0.5, "Beginning", false));
    }

    #[test]
    fn proficient_flag_uses_shown_value() {
        // 2.96 shows as 3.0 → proficient; 2.94 shows as 2.9 → not.
        expect(&cfg(MostRecent, 2), &[2.96], (3.0, "Proficient", true));
        expect(&cfg(MostRecent, 2), &[2.94], (2.9, "Developing", false));
        let low = MasteryConfig {
            proficient_at: 2.5,
            ..cfg(MostRecent, 2)
        };
        expect(&low, &[2.5], (2.5, "Developing", true));
    }

    #[test]
    fn odd_configs_do_not_panic() {
        let step = |level: f64, label: &str| ScaleLevel {
            level,
            label: label.into(),
        };
        // Scale out of order, with a NaN level that is ignored; NaN weight reads as 0.65:
        // .65·2 + .35·1 = 1.65 → 1.7 → rounds down to 1, "Beginning".
        let scale = vec![
            step(2.0, "Developing"),
            step(f64::NAN, "?"),
            step(1.0, "Beginning"),
        ];
        let odd = MasteryConfig {
            scale,
            decay_weight: f64::NAN,
            ..cfg(DecayingAverage, 2)
        };
        expect(&odd, &[1.0, 2.0], (1.7, "Beginning", false));
        // Empty scale falls back to the default; n_times 0 reads as 1: one score ≥ 3 → 3.
        let empty = MasteryConfig {
            scale: Vec::new(),
            ..cfg(NTimes, 0)
        };
        expect(&empty, &[3.0], (3.0, "Proficient", true));
    }
}
