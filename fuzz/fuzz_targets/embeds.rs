//! `markdown::embeds::external_images_to_links`, the last step of `markdown::to_html`:
//! on any Markdown (raw HTML included) the page a browser reads loads no image from
//! another site and gains nothing active; on any text at all it never panics.
#![no_main]

use std::cell::RefCell;

use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use libfuzzer_sys::fuzz_target;
use pathfolio::markdown::embeds::external_images_to_links;
use pathfolio::markdown::to_html;
use url::Url;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    if which % 4 == 0 {
        // Not the sanitizer's output: only promised not to panic, and to leave alone
        // what has no image in it.
        let out = external_images_to_links(&text);
        if !text.contains("<img") {
            assert_eq!(out, text);
        }
        return;
    }
    let html = to_html(&text, 2);
    for (name, attrs) in start_tags(&html) {
        assert!(
            !matches!(
                name.as_str(),
                "script"
                    | "style"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "base"
                    | "meta"
                    | "link"
                    | "frame"
                    | "form"
                    | "svg"
                    | "math"
            ),
            "<{name}> in {html}"
        );
        for (attr, value) in &attrs {
            assert!(!attr.starts_with("on"), "{attr}= in {html}");
            assert!(attr != "srcset", "{attr}= in {html}");
            assert!(
                attr != "style" || matches!(name.as_str(), "td" | "th"),
                "{attr}= in {html}"
            );
            if matches!(attr.as_str(), "href" | "src") {
                assert!(!runs_script(value), "{attr}={value:?} in {html}");
            }
        }
        if name == "img" {
            let src = attrs
                .iter()
                .find(|(a, _)| a == "src")
                .map(|(_, v)| v.as_str());
            if let Some(src) = src {
                assert!(same_site(src), "external <img src={src:?}> in {html}");
            }
        }
    }
    // Nothing left to rewrite.
    assert_eq!(external_images_to_links(&html), html);
});

/// Where a page served over HTTPS or HTTP would fetch `src` from: the site itself only.
fn same_site(src: &str) -> bool {
    ["https://site.invalid/s/p/", "http://site.invalid/s/p/"]
        .iter()
        .all(|base| {
            let base = Url::parse(base).unwrap();
            base.join(src).is_ok_and(|u| {
                u.scheme() == base.scheme() && u.host() == base.host() && u.port() == base.port()
            })
        })
}

fn runs_script(url: &str) -> bool {
    Url::parse("https://site.invalid/")
        .unwrap()
        .join(url)
        .is_ok_and(|u| matches!(u.scheme(), "javascript" | "vbscript"))
}

/// Every start tag with its attributes (names lower-cased, values decoded), as a
/// browser's HTML tokenizer reads them.
fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    struct Sink(RefCell<Vec<(String, Vec<(String, String)>)>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if let Token::TagToken(tag) = token
                && tag.kind == TagKind::StartTag
            {
                let attrs = tag
                    .attrs
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.0.borrow_mut().push((tag.name.to_string(), attrs));
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}
