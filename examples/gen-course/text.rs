//! A seeded random source and the made-up prose of a synthetic course.
//!
//! SplitMix64 rather than a crate: the generator must give the same course for the
//! same seed on every machine and every version, which a tiny PRNG written here
//! guarantees and a dependency's changing algorithm would not.

/// SplitMix64 (Steele, Lea, Flood 2014): 64 bits of state, good enough statistics
/// for made-up text, and the same sequence everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// A stream for one purpose (one student, one file), so adding a student does not
    /// change what every other student's files say.
    pub fn fork(&self, salt: u64) -> Rng {
        let mut r = Rng(self.0 ^ salt.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const NOUNS: &[&str] = &[
    "cell",
    "membrane",
    "enzyme",
    "protein",
    "ecosystem",
    "population",
    "predator",
    "producer",
    "consumer",
    "gene",
    "allele",
    "chromosome",
    "mitochondrion",
    "leaf",
    "root",
    "sample",
    "graph",
    "model",
    "experiment",
    "variable",
    "hypothesis",
    "quadrat",
    "food web",
    "energy pyramid",
    "feedback loop",
    "microscope",
    "tissue",
    "organ",
    "habitat",
    "species",
    "trait",
    "mutation",
    "carbon cycle",
    "water sample",
];
const VERBS: &[&str] = &[
    "changes",
    "controls",
    "supports",
    "depends on",
    "measures",
    "explains",
    "affects",
    "limits",
    "releases",
    "stores",
    "moves through",
    "competes with",
    "responds to",
    "breaks down",
    "builds",
    "protects",
];
const ADVERBIALS: &[&str] = &[
    "in every trial",
    "when the temperature rises",
    "over the whole term",
    "at each trophic level",
    "in our schoolyard",
    "more than I expected",
    "after about ten minutes",
    "in the second experiment",
    "according to the data",
    "in both groups",
    "only under bright light",
    "across the three samples",
];
const OPENERS: &[&str] = &[
    "I noticed that",
    "Our data show that",
    "At first I thought that",
    "The model suggests that",
    "My partner argued that",
    "It turns out that",
    "We tested whether",
    "Next time I will check whether",
];
/// Topic words for titles and slugs.
pub const TOPICS: &[&str] = &[
    "osmosis",
    "photosynthesis",
    "respiration",
    "food-web",
    "carrying-capacity",
    "punnett-squares",
    "pedigree",
    "mutation",
    "natural-selection",
    "homeostasis",
    "enzymes",
    "cell-model",
    "biodiversity",
    "carbon-cycle",
    "quadrat-survey",
    "microscope",
    "dna-extraction",
    "fossils",
    "adaptation",
    "ecosystem-model",
];

pub fn sentence(r: &mut Rng) -> String {
    format!(
        "{} the {} {} the {} {}.",
        r.pick(OPENERS),
        r.pick(NOUNS),
        r.pick(VERBS),
        r.pick(NOUNS),
        r.pick(ADVERBIALS)
    )
}

pub fn paragraph(r: &mut Rng, sentences: u64) -> String {
    (0..sentences)
        .map(|_| sentence(r))
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Osmosis" from "osmosis", "Food web" from "food-web".
pub fn title_case(topic: &str) -> String {
    let t = topic.replace('-', " ");
    let mut c = t.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A Markdown body of about `target` bytes: headings, lists, a table and links, the
/// way a student's reflection or a teacher's unit page looks.
pub fn body(r: &mut Rng, target: usize, heading: &str) -> String {
    let n = r.range(3, 5);
    let mut s = format!("## {heading}\n\n{}\n\n", paragraph(r, n));
    s.push_str("## What I learned\n\n");
    for _ in 0..r.range(3, 5) {
        s.push_str(&format!("- **{}**: {}\n", r.pick(NOUNS), sentence(r)));
    }
    s.push_str("\n| Trial | Measurement | Notes |\n| --- | ---: | --- |\n");
    for t in 1..=r.range(3, 6) {
        s.push_str(&format!(
            "| {t} | {}.{} | {} |\n",
            r.range(1, 99),
            r.range(0, 9),
            r.pick(ADVERBIALS)
        ));
    }
    s.push_str(&format!(
        "\nI read more about it in [this article](https://example.org/reading/{}) and \
         compared it with [the class data](https://example.org/data/{}).\n\n",
        r.pick(TOPICS),
        r.range(100, 999)
    ));
    s.push_str("## Next steps\n\n");
    for i in 1..=3 {
        s.push_str(&format!("{i}. {}\n", sentence(r)));
    }
    while s.len() < target {
        let (topic, n) = (r.pick(TOPICS), r.range(3, 6));
        s.push_str(&format!(
            "\n### {}\n\n{}\n",
            title_case(topic),
            paragraph(r, n)
        ));
    }
    s
}

/// A date in the school year as `YYYY-MM-DD`: `step` 0..=199 moves from September
/// to May, `day` is the day of that month (1..=28, so every month has it).
pub fn school_date(step: u64, day: u64) -> String {
    const MONTHS: [(u32, u32); 9] = [
        (2026, 9),
        (2026, 10),
        (2026, 11),
        (2026, 12),
        (2027, 1),
        (2027, 2),
        (2027, 3),
        (2027, 4),
        (2027, 5),
    ];
    let (y, m) = MONTHS[(step.min(199) * MONTHS.len() as u64 / 200) as usize];
    format!("{y}-{m:02}-{:02}", day.clamp(1, 28))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text() {
        let a = body(&mut Rng::new(7), 2048, "x");
        let b = body(&mut Rng::new(7), 2048, "x");
        assert_eq!(a, b);
        assert!(a.len() >= 2048 && a.len() < 4096, "{}", a.len());
        assert_ne!(a, body(&mut Rng::new(8), 2048, "x"));
    }
}
