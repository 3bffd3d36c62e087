//! The support team's brief (`forewarn brief`): every upcoming and recently
//! effective notice with its talking points, workaround, data answer and
//! feedback link, soonest first. Rendered from the theme's `brief.html` and
//! `brief.txt`; never written into the public site.

use serde::Serialize;

use super::view::{EmergencyView, TimeView, disposition_text, impact_label, permalink, relative};
use super::{Renderer, ctx};
use crate::content::model::{Markdown, Notice, State};
use crate::diagnostic::Diagnostic;
use crate::moment::Moment;
use crate::site::Site;

/// What the brief templates see.
#[derive(Serialize)]
struct Brief<'a> {
    title: &'a str,
    language: &'a str,
    as_of: String,
    notices: Vec<BriefNotice<'a>>,
}

/// One notice of the brief, as text (`*_text`, markdown as written) and as
/// HTML (`*_html`).
#[derive(Serialize)]
struct BriefNotice<'a> {
    title: &'a str,
    /// A line of `-` as long as the title (at most 78), for the text brief.
    underline: String,
    impact_label: &'a str,
    effective: TimeView,
    relative: String,
    audience: String,
    emergency: Option<EmergencyView<'a>>,
    support: Option<Field<'a>>,
    workaround: Option<Field<'a>>,
    data: Option<DataBrief<'a>>,
    feedback: &'a str,
    link: String,
}

/// A markdown field, as written (indented for the text brief) and as HTML.
#[derive(Serialize)]
struct Field<'a> {
    source: &'a str,
    text: String,
    html: &'a str,
}

impl<'a> Field<'a> {
    fn of(m: Option<&'a Markdown>) -> Option<Field<'a>> {
        m.filter(|m| !m.is_blank()).map(|m| Field { source: &m.source, text: indent(&m.source), html: &m.html })
    }
}

/// The data answer of a notice.
#[derive(Serialize)]
struct DataBrief<'a> {
    disposition: &'static str,
    disposition_text: &'a str,
    details: Option<Field<'a>>,
    access: Option<Field<'a>>,
    export: Option<Field<'a>>,
    available_again: Option<TimeView>,
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n")
}

/// Whether `n` belongs in the brief: upcoming, or took effect within the
/// last `[checklist] recent_days` (a window that already ended still brings
/// questions).
fn in_brief(site: &Site, n: &Notice) -> bool {
    let recent = jiff::SignedDuration::from_hours(24 * i64::try_from(site.config.checklist.recent_days).unwrap_or(0));
    n.state(site.now) == State::Upcoming || site.now.duration_since(n.effective.ts) <= recent
}

fn brief<'a>(site: &'a Site) -> Brief<'a> {
    let loc = &*site.locale;
    let notices = site
        .notices
        .iter()
        .filter(|n| in_brief(site, n))
        .map(|n| BriefNotice {
            title: &n.title,
            underline: "-".repeat(n.title.chars().count().min(78)),
            impact_label: impact_label(loc, n.impact),
            effective: TimeView::new(n.effective, site),
            relative: relative(loc, n.effective.ts, site.now),
            audience: super::subscribe::audience_names(site, n),
            emergency: n.emergency.as_ref().map(|e| EmergencyView::of(e, loc)),
            support: Field::of(n.support.as_ref()),
            workaround: Field::of(n.workaround.as_ref()),
            data: n.data.as_ref().and_then(|d| {
                d.disposition.map(|disp| DataBrief {
                    disposition: disp.as_str(),
                    disposition_text: disposition_text(loc, disp),
                    details: Field::of(d.details.as_ref()),
                    access: Field::of(d.access.as_ref()),
                    export: Field::of(d.export.as_ref()),
                    available_again: d.available_again.map(|m| TimeView::new(m, site)),
                })
            }),
            feedback: n
                .feedback
                .as_deref()
                .or(site.config.feedback.as_deref())
                .unwrap_or(loc.text("brief_no_feedback")),
            link: permalink(site, &crate::url::notice(&n.slug)),
        })
        .collect();
    Brief {
        title: &site.config.title,
        language: loc.code(),
        as_of: TimeView::new(Moment { ts: site.now, date_only: false }, site).display,
        notices,
    }
}

/// The brief as an HTML page and as plain text.
pub struct Rendered {
    /// `brief.html`.
    pub html: String,
    /// `brief.txt`.
    pub text: String,
    /// How many notices it lists.
    pub count: usize,
}

impl Renderer {
    /// Renders the support brief of `site`.
    pub fn brief(&self, site: &Site) -> Result<Rendered, Vec<Diagnostic>> {
        let tera = self.for_site(site, false);
        let brief = brief(site);
        let c = ctx(&brief);
        Ok(Rendered {
            html: self.render_str(&tera, "brief.html", &c)?,
            text: self.render_str(&tera, "brief.txt", &c)?,
            count: brief.notices.len(),
        })
    }
}
