//! Stage 4: what is computed from the validated model (mastery; progress later).

pub mod mastery;
