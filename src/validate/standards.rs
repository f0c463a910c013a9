//! standards.yaml: the codes every other file may refer to.

use std::collections::BTreeSet;

use super::{Validator, check_unique};
use crate::load::Sources;
use crate::model::{Extra, Standard};

pub(super) fn standards(s: &Sources, v: &mut Validator) -> Vec<Standard> {
    let Some(file) = &s.standards else {
        // A standards.yaml that failed to load is reported; its codes are not checked.
        if !s.standalone && !s.broken.standards {
            v.known.standards = Some(BTreeSet::new());
        }
        return Vec::new();
    };
    let ids = check_unique(
        &mut v.diags,
        "standard",
        file.raw.iter().map(|st| {
            (
                st.value.code.value.as_str(),
                file.path.as_path(),
                Some(file.pos(&st.value.code)),
            )
        }),
    );
    v.known.standards = Some(ids);
    let mut seen = BTreeSet::new();
    file.raw
        .iter()
        .filter(|st| seen.insert(st.value.code.value.to_lowercase()))
        .map(|st| {
            let st = &st.value;
            Standard {
                code: st.code.value.clone(),
                statement: st.statement.clone(),
                student: st.student.clone().unwrap_or_default(),
                group: st.group.clone().unwrap_or_default(),
                extra: st.extra.clone().unwrap_or(Extra::Null),
            }
        })
        .collect()
}
