//! Inline SVG trend charts: every score over time, no JavaScript.

use crate::compute::Point;
use crate::model::{ScaleLevel, fmt_level};
use crate::text::escape_html;

/// Room for one score: its mark and its value written above it.
const STEP: f64 = 44.0;
const H: f64 = 56.0;
const PAD_X: f64 = 16.0;
/// Space above the highest mark for its value.
const PAD_TOP: f64 = 18.0;
const PAD_BOTTOM: f64 = 8.0;

/// A sparkline of `points` on the course `scale`: one mark per score, coloured by
/// the level it reaches (`lv-<step>`) and with its value written above it, so the
/// numbers are readable without a legend. Has a text alternative; built only from
/// numbers and scale labels, escaped, so it is safe to inline.
pub fn trend_svg(points: &[Point], scale: &[ScaleLevel], title: &str) -> String {
    let low = scale.first().map_or(1.0, |s| s.level);
    let high = scale.last().map_or(4.0, |s| s.level).max(low + 1.0);
    let n = points.len();
    let w = (2.0 * PAD_X + STEP * n.saturating_sub(1) as f64).max(96.0);
    let y = |v: f64| {
        H - PAD_BOTTOM - (v.clamp(low, high) - low) / (high - low) * (H - PAD_TOP - PAD_BOTTOM)
    };
    let x = |i: usize| {
        if n <= 1 {
            w / 2.0
        } else {
            PAD_X + i as f64 * STEP
        }
    };
    let desc = points
        .iter()
        .map(|p| format!("{}: {}", p.date, fmt_level(p.value)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut svg = format!(
        r#"<svg class="trend" viewBox="0 0 {w} {H}" width="{w}" height="{H}" role="img" aria-label="{}"><title>{}</title>"#,
        escape_html(&format!("Scores on {title} over time: {desc}")),
        escape_html(&format!("Scores on {title}: {desc}")),
    );
    // The lowest and the highest level of the scale, as faint rules.
    for v in [low, high] {
        svg.push_str(&format!(
            r#"<line class="grid" x1="0" y1="{0:.1}" x2="{w}" y2="{0:.1}"/>"#,
            y(v)
        ));
    }
    if n > 1 {
        let path: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value)))
            .collect();
        svg.push_str(&format!(
            r#"<polyline class="line" points="{}"/>"#,
            path.join(" ")
        ));
    }
    for (i, p) in points.iter().enumerate() {
        let (cx, cy) = (x(i), y(p.value));
        let step = scale
            .iter()
            .rposition(|s| s.level <= p.value + 1e-9)
            .map_or(1, |i| i + 1);
        svg.push_str(&format!(
            r#"<circle class="dot lv-{step}" cx="{cx:.1}" cy="{cy:.1}" r="4.5"/><text class="value" x="{cx:.1}" y="{:.1}">{}</text>"#,
            cy - 8.0,
            escape_html(&fmt_level(p.value))
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn p(d: &str, v: f64) -> Point {
        Point {
            date: Date::parse(d).unwrap(),
            seq: 0,
            value: v,
            evidence: None,
            source: String::new(),
        }
    }

    #[test]
    fn has_a_text_alternative_and_one_mark_per_score() {
        let scale = crate::compute::mastery::default_scale();
        let svg = trend_svg(
            &[
                p("2026-09-01", 2.0),
                p("2026-10-01", 3.0),
                p("2026-11-01", 4.0),
            ],
            &scale,
            "LS1-1 <x>",
        );
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("2026-09-01: 2, 2026-10-01: 3, 2026-11-01: 4"));
        assert!(svg.contains("LS1-1 &lt;x&gt;"));
        assert_eq!(svg.matches("class=\"dot").count(), 3);
        // Each value is written out, and the mark is coloured by its level.
        assert!(svg.contains(">3</text>") && svg.contains("class=\"dot lv-4\""));
        assert!(svg.contains("<polyline"));
    }
}
