//! List pages (the home page, the archive, area, audience and impact
//! pages): notices grouped by state and month, shown as cards rendered once
//! per site generation, older ones as one-line rows.

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Tera};

use super::view::ImprovementView;
use super::{RenderOptions, Renderer, Shared, ctx, notice_value};
use crate::content::model::State;
use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// What a list page shows: which notices and improvements, for which facet,
/// and how many in effect and ended at most.
pub(super) struct Listing<'s> {
    pub(super) notices: &'s [usize],
    pub(super) improvements: &'s [usize],
    pub(super) facet: Option<FacetCx>,
    pub(super) limit: Option<usize>,
}

/// How many notices in effect and ended the home page shows (the most
/// recent; the archive at /notices/ has them all).
pub(super) const HOME_LIMIT: usize = 20;

/// How many of the notices in effect (and of those ended) a page without a
/// limit shows as cards, the most recent; older ones are one-line rows. An
/// archive of thousands reads better as a list, and its page is a third of
/// the size.
const RECENT_CARDS: usize = 20;

#[derive(Serialize)]
struct Group<'a> {
    label: String,
    cards: Vec<&'a str>,
}

#[derive(Serialize)]
struct ListCx<'a> {
    upcoming: Vec<Group<'a>>,
    in_effect: Vec<&'a str>,
    ended: Vec<&'a str>,
    /// Older notices in effect / ended, as one-line rows.
    in_effect_rows: Vec<&'a str>,
    ended_rows: Vec<&'a str>,
    /// Notices in effect / ended beyond the page's limit (in the archive).
    in_effect_more: usize,
    ended_more: usize,
    improvements: Vec<ImprovementView<'a>>,
    facet: Option<FacetCx>,
}

impl ListCx<'_> {
    /// About how long a page showing this list is: its cards and rows, a
    /// kilobyte per improvement and some for the page around them. Too
    /// much costs nothing (untouched memory is never mapped in); too
    /// little only means the buffer grows.
    fn page_size(&self) -> usize {
        let fragments = self.upcoming.iter().flat_map(|g| &g.cards).chain(&self.in_effect).chain(&self.ended);
        let fragments = fragments.chain(&self.in_effect_rows).chain(&self.ended_rows);
        let (count, bytes) = fragments.fold((0, 0), |(n, b), f| (n + 1, b + f.len()));
        bytes + count * 16 + self.improvements.len() * 1024 + 16 * 1024
    }
}

#[derive(Serialize)]
pub(super) struct FacetCx {
    pub(super) kind: &'static str,
    pub(super) kind_label: String,
    pub(super) name: String,
    pub(super) slug: String,
    /// One line on what it covers (`[areas.<slug>] description`).
    pub(super) description: Option<String>,
}

impl Renderer {
    /// Notice `i`'s card, rendered once per site generation.
    fn card<'s>(&self, tera: &Tera, site: &Site, shared: &'s Shared, i: usize) -> Result<&'s str, Vec<Diagnostic>> {
        self.fragment(tera, &shared.cards[i], "card.html", || notice_value(site, i, ""))
    }

    /// Notice `i`'s one-line row (for older notices in long lists).
    fn row<'s>(&self, tera: &Tera, site: &Site, shared: &'s Shared, i: usize) -> Result<&'s str, Vec<Diagnostic>> {
        self.fragment(tera, &shared.rows[i], "row.html", || notice_value(site, i, ""))
    }

    /// Renders notice `i`'s card and, when it is already in effect or over
    /// (the archive lists it as a row), its row, from one template value:
    /// making the value costs about as much as rendering either.
    pub(super) fn warm(&self, tera: &Tera, site: &Site, shared: &Shared, i: usize) -> Result<(), Vec<Diagnostic>> {
        let value = notice_value(site, i, "");
        self.fragment(tera, &shared.cards[i], "card.html", || value.clone())?;
        if site.notices[i].state(site.now) != State::Upcoming {
            self.fragment(tera, &shared.rows[i], "row.html", || value)?;
        }
        Ok(())
    }

    /// `template` rendered with `notice` into `slot` on first use.
    fn fragment<'s>(
        &self,
        tera: &Tera,
        slot: &'s OnceLock<Result<String, Vec<Diagnostic>>>,
        template: &str,
        notice: impl FnOnce() -> tera::Value,
    ) -> Result<&'s str, Vec<Diagnostic>> {
        let html = slot.get_or_init(|| {
            let mut c = Context::new();
            c.insert_value("notice", notice());
            self.render_str(tera, template, &c).map(|mut html| {
                html.shrink_to_fit();
                html
            })
        });
        html.as_deref().map_err(Clone::clone)
    }

    fn list<'a>(
        &self,
        tera: &Tera,
        site: &'a Site,
        shared: &'a Shared,
        listing: Listing<'_>,
    ) -> Result<ListCx<'a>, Vec<Diagnostic>> {
        let Listing { notices, improvements, facet, limit } = listing;
        let mut upcoming: Vec<Group<'a>> = Vec::new();
        let mut in_effect = Vec::new();
        let mut ended = Vec::new();
        let tz = &site.config.timezone;
        for &i in notices {
            let n = &site.notices[i];
            match n.state(site.now) {
                State::Upcoming => {
                    let label = site.locale.month(&n.effective.in_zone(tz));
                    match upcoming.last_mut() {
                        Some(g) if g.label == label => g.cards.push(self.card(tera, site, shared, i)?),
                        _ => upcoming.push(Group { label, cards: vec![self.card(tera, site, shared, i)?] }),
                    }
                }
                State::InEffect => in_effect.push(i),
                State::Ended | State::Withdrawn => ended.push(i),
            }
        }
        // Most recent first for what is already in effect or over. A page
        // with a limit shows the most recent and links to the archive; one
        // without shows the most recent as cards and the rest as rows.
        type Shown<'a> = (Vec<&'a str>, Vec<&'a str>, usize);
        let show = |mut list: Vec<usize>| -> Result<Shown<'a>, Vec<Diagnostic>> {
            list.reverse();
            let more = limit.map_or(0, |l| list.len().saturating_sub(l));
            list.truncate(list.len() - more);
            let older = if limit.is_none() { list.split_off(list.len().min(RECENT_CARDS)) } else { Vec::new() };
            let cards = list.into_iter().map(|i| self.card(tera, site, shared, i)).collect::<Result<_, _>>()?;
            let rows = older.into_iter().map(|i| self.row(tera, site, shared, i)).collect::<Result<_, _>>()?;
            Ok((cards, rows, more))
        };
        let (in_effect, in_effect_rows, in_effect_more) = show(in_effect)?;
        let (ended, ended_rows, ended_more) = show(ended)?;
        Ok(ListCx {
            upcoming,
            in_effect,
            ended,
            in_effect_rows,
            ended_rows,
            in_effect_more,
            ended_more,
            improvements: improvements.iter().map(|&i| ImprovementView::new(site, &site.improvements[i])).collect(),
            facet,
        })
    }

    /// A page of `template` showing `listing`, with the values of `more`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn list_page(
        &self,
        tera: &Tera,
        site: &Site,
        shared: &Shared,
        template: &str,
        listing: Listing<'_>,
        more: Context,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let list = self.list(tera, site, shared, listing)?;
        let size = list.page_size();
        let mut c = ctx(&list);
        c.extend(more);
        self.render_sized(tera, template, &c, options, size)
    }
}
