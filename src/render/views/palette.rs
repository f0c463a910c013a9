//! The level palette: one colour family per step of the course's mastery scale.
//!
//! The scale is configurable, so the colours are computed for any number of
//! levels: a hue ramp from warm (the lowest level) to cool (the highest), each
//! step as a tint with text on it and a stronger "edge" for bars, borders and
//! chart marks. Lightness is nudged until the WCAG 2.1 AA ratios hold (text on
//! its tint ≥ 4.5:1, edge against the page ≥ 3:1), in light and in dark mode.
//! Pages never rely on the colour alone: every level also shows its number,
//! label and a row of pips.

use serde::Serialize;

use crate::model::{ScaleLevel, fmt_level};

/// The page backgrounds the palette is drawn on (`--bg` in style.css).
pub const PAGE_LIGHT: Rgb = Rgb(0xff, 0xff, 0xff);
pub const PAGE_DARK: Rgb = Rgb(0x12, 0x15, 0x1a);

/// What a level's colours must reach: text on its tint (the text colours are dark
/// and light enough by construction; the tests check it for 1–12 levels), and its
/// edge on the page.
#[cfg(test)]
pub const TEXT_RATIO: f64 = 4.5;
pub const EDGE_RATIO: f64 = 3.0;

/// One step of the scale with its colours (`#rrggbb`), for the `lv-<step>` class.
#[derive(Serialize, Clone, Debug)]
pub struct LevelTone {
    /// 1 for the lowest level of the scale.
    pub step: usize,
    /// The level as written ("3").
    pub level: String,
    pub label: String,
    pub bg: String,
    pub fg: String,
    pub edge: String,
    pub bg_dark: String,
    pub fg_dark: String,
    pub edge_dark: String,
}

#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }
}

/// WCAG 2.1 contrast ratio of two colours (1–21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// `hsl(h, s%, l%)` in sRGB.
pub fn hsl(h: f64, s: f64, l: f64) -> Rgb {
    let (s, l) = (s / 100.0, l / 100.0);
    let a = s * l.min(1.0 - l);
    let f = |n: f64| {
        let k = (n + h / 30.0) % 12.0;
        let v = l - a * (k - 3.0).min(9.0 - k).clamp(-1.0, 1.0);
        (v.clamp(0.0, 1.0) * 255.0).round() as u8
    };
    Rgb(f(0.0), f(8.0), f(4.0))
}

/// Hue of a step at `t` (0 = lowest level, 1 = highest): red-orange, amber,
/// green, blue. Neighbouring steps differ in lightness too (see [`tone`]).
fn hue(t: f64) -> f64 {
    const STOPS: [f64; 4] = [12.0, 40.0, 140.0, 212.0];
    let x = t.clamp(0.0, 1.0) * (STOPS.len() - 1) as f64;
    let i = (x.floor() as usize).min(STOPS.len() - 2);
    STOPS[i] + (STOPS[i + 1] - STOPS[i]) * (x - i as f64)
}

/// Moves lightness `l` by `by` until `ok` holds (or the end of the range).
fn nudge(h: f64, s: f64, mut l: f64, by: f64, ok: impl Fn(Rgb) -> bool) -> Rgb {
    while !ok(hsl(h, s, l)) && (0.0..=100.0).contains(&(l + by)) {
        l += by;
    }
    hsl(h, s, l)
}

/// The colours of step `i` of `n` (0-based).
pub fn tone(i: usize, n: usize) -> [Rgb; 6] {
    let t = if n <= 1 {
        1.0
    } else {
        i as f64 / (n - 1) as f64
    };
    let h = hue(t);
    // Light: pale tints, a little deeper for higher levels; dark text of the same hue.
    let bg = hsl(h, 72.0, 92.0 - 8.0 * t);
    let fg = nudge(h, 70.0, 20.0, -2.0, |c| contrast(c, bg) >= 7.0);
    let edge = nudge(h, 75.0, 42.0, -2.0, |c| {
        contrast(c, PAGE_LIGHT) >= EDGE_RATIO && contrast(c, bg) >= EDGE_RATIO
    });
    // Dark: deep tints, light text; the edge bright enough on the dark page.
    let bg_dark = hsl(h, 45.0, 18.0 + 8.0 * t);
    let fg_dark = nudge(h, 90.0, 88.0, 2.0, |c| contrast(c, bg_dark) >= 7.0);
    let edge_dark = nudge(h, 68.0, 58.0, 2.0, |c| {
        contrast(c, PAGE_DARK) >= EDGE_RATIO && contrast(c, bg_dark) >= EDGE_RATIO
    });
    [bg, fg, edge, bg_dark, fg_dark, edge_dark]
}

/// The palette of a course's scale (lowest level first, as the scale is sorted).
pub fn palette(scale: &[ScaleLevel]) -> Vec<LevelTone> {
    scale
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let [bg, fg, edge, bg_dark, fg_dark, edge_dark] = tone(i, scale.len());
            LevelTone {
                step: i + 1,
                level: fmt_level(l.level),
                label: l.label.clone(),
                bg: bg.hex(),
                fg: fg.hex(),
                edge: edge.hex(),
                bg_dark: bg_dark.hex(),
                fg_dark: fg_dark.hex(),
                edge_dark: edge_dark.hex(),
            }
        })
        .collect()
}

/// The palette as a stylesheet (`assets/levels.css`): one `.lv-<step>` rule per level
/// setting `--lv-bg`, `--lv-fg` and `--lv-edge`, again for dark mode. Built only
/// from computed colours, never from course text.
pub fn level_css(scale: &[ScaleLevel]) -> String {
    let tones = palette(scale);
    let mut css = String::from(
        "/* pathfolio: the colours of each level of this course's mastery scale\n   (made by the build: src/render/views/palette.rs; see docs/theming.md). */\n",
    );
    for t in &tones {
        css.push_str(&format!(
            ".lv-{} {{ --lv-bg: {}; --lv-fg: {}; --lv-edge: {}; }}\n",
            t.step, t.bg, t.fg, t.edge
        ));
    }
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    for t in &tones {
        css.push_str(&format!(
            "  .lv-{} {{ --lv-bg: {}; --lv-fg: {}; --lv-edge: {}; }}\n",
            t.step, t.bg_dark, t.fg_dark, t.edge_dark
        ));
    }
    css.push_str("}\n");
    css
}

/// The 1-based step of `level` on `scale`, 0 when it is not on the scale.
pub fn step_of(scale: &[ScaleLevel], level: f64) -> usize {
    scale
        .iter()
        .position(|s| (s.level - level).abs() < 1e-9)
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(hex: &str) -> Rgb {
        let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        Rgb(v(1), v(3), v(5))
    }

    #[test]
    fn contrast_matches_the_wcag_examples() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast(parse("#767676"), PAGE_LIGHT) - 4.54).abs() < 0.01);
    }

    #[test]
    fn every_ramp_from_one_to_twelve_levels_is_accessible_in_light_and_dark() {
        for n in 1..=12 {
            for i in 0..n {
                let [bg, fg, edge, bg_dark, fg_dark, edge_dark] = tone(i, n);
                let at = format!("step {} of {n}", i + 1);
                assert!(contrast(fg, bg) >= TEXT_RATIO, "light text {at}");
                assert!(contrast(edge, PAGE_LIGHT) >= EDGE_RATIO, "light edge {at}");
                assert!(contrast(edge, bg) >= EDGE_RATIO, "light edge on tint {at}");
                assert!(contrast(fg_dark, bg_dark) >= TEXT_RATIO, "dark text {at}");
                assert!(
                    contrast(edge_dark, PAGE_DARK) >= EDGE_RATIO,
                    "dark edge {at}"
                );
                assert!(
                    contrast(edge_dark, bg_dark) >= EDGE_RATIO,
                    "dark edge on tint {at}"
                );
            }
        }
    }

    #[test]
    fn neighbouring_steps_differ_and_steps_follow_the_scale() {
        let scale = crate::compute::mastery::default_scale();
        let p = palette(&scale);
        assert_eq!(p.len(), 4);
        assert_eq!((p[0].step, p[0].level.as_str()), (1, "1"));
        assert_eq!(p[3].label, "Advanced");
        for w in p.windows(2) {
            assert_ne!(w[0].bg, w[1].bg);
            assert_ne!(w[0].edge_dark, w[1].edge_dark);
        }
        assert_eq!(step_of(&scale, 3.0), 3);
        assert_eq!(step_of(&scale, 2.5), 0);
    }

    #[test]
    fn the_stylesheet_has_a_light_and_a_dark_rule_per_level() {
        let css = level_css(&crate::compute::mastery::default_scale());
        assert_eq!(css.matches(".lv-4 {").count(), 2);
        assert!(css.contains("prefers-color-scheme: dark"));
    }

    /// The figures quoted in docs/theming.md: `cargo test palette -- --nocapture`.
    #[test]
    fn print_the_default_palette() {
        for t in palette(&crate::compute::mastery::default_scale()) {
            println!(
                "{} {}: light {} on {} {:.1}:1, edge {} {:.1}:1 | dark {} on {} {:.1}:1, edge {} {:.1}:1",
                t.level,
                t.label,
                t.fg,
                t.bg,
                contrast(parse(&t.fg), parse(&t.bg)),
                t.edge,
                contrast(parse(&t.edge), PAGE_LIGHT),
                t.fg_dark,
                t.bg_dark,
                contrast(parse(&t.fg_dark), parse(&t.bg_dark)),
                t.edge_dark,
                contrast(parse(&t.edge_dark), PAGE_DARK),
            );
        }
    }
}
