//! Inline SVG trend charts: every score over time, no JavaScript.

use crate::compute::Point;
use crate::model::{ScaleLevel, fmt_level};
use crate::text::escape_html;

const W: f64 = 320.0;
const H: f64 = 120.0;
const PAD_L: f64 = 28.0;
const PAD_R: f64 = 10.0;
const PAD_Y: f64 = 12.0;

/// A small line chart of `points` on the course `scale`, with a text alternative.
/// Built only from numbers and scale labels, escaped, so it is safe to inline.
pub fn trend_svg(points: &[Point], scale: &[ScaleLevel], title: &str) -> String {
    let low = scale.first().map_or(1.0, |s| s.level);
    let high = scale.last().map_or(4.0, |s| s.level).max(low + 1.0);
    let y = |v: f64| H - PAD_Y - (v.clamp(low, high) - low) / (high - low) * (H - 2.0 * PAD_Y);
    let n = points.len();
    let x = |i: usize| {
        if n <= 1 {
            (PAD_L + W - PAD_R) / 2.0
        } else {
            PAD_L + i as f64 * (W - PAD_L - PAD_R) / (n - 1) as f64
        }
    };
    let desc = points
        .iter()
        .map(|p| format!("{}: {}", p.date, fmt_level(p.value)))
        .collect::<Vec<_>>()
        .join(", ");
    let mut svg = format!(
        r#"<svg class="trend" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{}"><title>{}</title>"#,
        escape_html(&format!("Scores on {title} over time: {desc}")),
        escape_html(&format!("Scores on {title}: {desc}")),
    );
    for s in scale {
        let yy = y(s.level);
        svg.push_str(&format!(
            r#"<line class="grid" x1="{PAD_L}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}"/><text class="axis" x="{:.1}" y="{:.1}">{}</text>"#,
            W - PAD_R,
            PAD_L - 6.0,
            yy + 4.0,
            escape_html(&fmt_level(s.level))
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
        // Squares for scores at or above the middle of the scale, circles below: the
        // level is told by shape as well as by position.
        let (cx, cy) = (x(i), y(p.value));
        if p.value >= (low + high) / 2.0 {
            svg.push_str(&format!(
                r#"<rect class="dot high" x="{:.1}" y="{:.1}" width="8" height="8"/>"#,
                cx - 4.0,
                cy - 4.0
            ));
        } else {
            svg.push_str(&format!(
                r#"<circle class="dot low" cx="{cx:.1}" cy="{cy:.1}" r="4"/>"#
            ));
        }
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
        assert!(svg.contains("<polyline"));
    }
}
