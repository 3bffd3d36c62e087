//! The fixed words that front matter, the config and the checklist share:
//! impact, data disposition, improvement status and rule level. Each is an
//! enum with its front-matter word, parsed and printed in one place.

use serde::Serialize;

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $word)] $variant),+ }

        impl $name {
            /// Every value with its front-matter word, in order.
            pub const ALL: &'static [(&'static str, $name)] = &[$(($word, $name::$variant)),+];

            /// The front-matter word.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum! {
    /// How much a change affects customers, in rising order.
    Impact {
        /// Noticeable, nothing to do.
        Low = "low",
        /// Some customers need to act.
        Medium = "medium",
        /// Many customers need to act, or a feature goes away.
        High = "high",
        /// Integrations stop working unless customers act.
        Breaking = "breaking",
    }
}

word_enum! {
    /// What happens to the customer's data.
    Disposition {
        /// The data is not touched.
        Unaffected = "unaffected",
        /// Kept as it is.
        Retained = "retained",
        /// Moved or converted to a new place or format.
        Migrated = "migrated",
        /// Moved to an archive, reachable in another way.
        Archived = "archived",
        /// Temporarily out of reach.
        Unavailable = "unavailable",
        /// Removed for good.
        Deleted = "deleted",
    }
}

word_enum! {
    /// The answer an improvement entry gives to feedback.
    Status {
        /// Done.
        Shipped = "shipped",
        /// On the roadmap.
        Planned = "planned",
        /// Not planned, with a reason.
        Declined = "declined",
        /// Already possible: the answer says where.
        Exists = "exists",
    }
}

word_enum! {
    /// A checklist rule's level, in rising order.
    Level {
        /// Not checked.
        Allow = "allow",
        /// Reported; does not fail.
        Warn = "warn",
        /// Fails `check` and `build`.
        Deny = "deny",
    }
}

word_enum! {
    /// The id of a checklist rule, as `forewarn explain`, `[checklist.levels]`
    /// and every diagnostic name it.
    RuleId {
        /// `advance-notice`.
        AdvanceNotice = "advance-notice",
        /// `retroactive`.
        Retroactive = "retroactive",
        /// `audience`.
        Audience = "audience",
        /// `impact-explained`.
        ImpactExplained = "impact-explained",
        /// `benefits`.
        Benefits = "benefits",
        /// `workaround`.
        Workaround = "workaround",
        /// `data-disposition`.
        DataDisposition = "data-disposition",
        /// `data-access`.
        DataAccess = "data-access",
        /// `data-export`.
        DataExport = "data-export",
        /// `feedback-channel`.
        FeedbackChannel = "feedback-channel",
        /// `support-prep`.
        SupportPrep = "support-prep",
        /// `quiet-period`.
        QuietPeriod = "quiet-period",
        /// `silent-reschedule`.
        SilentReschedule = "silent-reschedule",
        /// `withdrawn-silently`.
        WithdrawnSilently = "withdrawn-silently",
        /// `improvement-feedback`.
        ImprovementFeedback = "improvement-feedback",
        /// `backdated`.
        Backdated = "backdated",
        /// `draft-overdue`.
        DraftOverdue = "draft-overdue",
        /// `follow-up`.
        FollowUp = "follow-up",
        /// `impact-understated`.
        ImpactUnderstated = "impact-understated",
        /// `placeholder`.
        Placeholder = "placeholder",
        /// `price-stated`.
        PriceStated = "price-stated",
        /// `stale-eta`.
        StaleEta = "stale-eta",
        /// `actionable-workaround`.
        ActionableWorkaround = "actionable-workaround",
        /// `links`.
        Links = "links",
        /// `business-day`.
        BusinessDay = "business-day",
        /// `change-cluster`.
        ChangeCluster = "change-cluster",
        /// `translation-missing`.
        TranslationMissing = "translation-missing",
        /// `translation-mismatch`.
        TranslationMismatch = "translation-mismatch",
    }
}

word_enum! {
    /// A fact of a notice that an `[[updates]]` entry can say it changed
    /// (`changes = ["effective"]`).
    Change {
        /// When the change takes effect.
        Effective = "effective",
        /// When a window ends.
        Ends = "ends",
        /// The impact.
        Impact = "impact",
        /// Who is affected.
        Audience = "audience",
        /// The product areas.
        Areas = "areas",
        /// What happens to the data.
        Disposition = "disposition",
        /// The notice was withdrawn.
        Withdrawn = "withdrawn",
    }
}

word_enum! {
    /// What sort of change a notice announces; each kind has its own
    /// requirements (`docs/checklist.md`).
    ChangeKind {
        /// Any change (the default).
        Change = "change",
        /// A maintenance window: needs `ends`; its lead time scales with its length.
        Maintenance = "maintenance",
        /// A feature or product goes away: needs a workaround and a data answer.
        Removal = "removal",
        /// What customers pay changes: needs `[price]`.
        Pricing = "pricing",
        /// A security change.
        Security = "security",
    }
}

word_enum! {
    /// Why a change could not be announced in advance (`[emergency] kind`).
    EmergencyKind {
        /// A vulnerability or an attack.
        Security = "security",
        /// A court, regulator or law.
        Legal = "legal",
        /// An outage or failure under way.
        Incident = "incident",
        /// A supplier's change the vendor does not control.
        ThirdParty = "third-party",
    }
}
