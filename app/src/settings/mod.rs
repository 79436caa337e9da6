//! Settings: language, time zone and page size, remembered per browser.

use leptos::prelude::*;
use leptos_fluent::{move_tr, I18n};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::{Prefs, PAGE_SIZES};
use crate::ui::{error_text, fetched, ErrorBanner, Loading, PageHeader, BUTTON, SELECT};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsForm {
    pub prefs: Prefs,
    pub timezones: Vec<String>,
}

#[server(endpoint = "settings")]
pub async fn settings() -> Result<SettingsForm, AppError> {
    Ok(SettingsForm {
        prefs: crate::ssr::prefs::current(),
        timezones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name().to_string())
            .collect(),
    })
}

/// Checks and stores the settings in long-lived cookies.
#[server(endpoint = "save_settings")]
pub async fn save_settings(
    language: String,
    timezone: String,
    page_size: String,
) -> Result<Prefs, AppError> {
    save_settings_inner(language, timezone, page_size)
}

#[cfg(feature = "ssr")]
fn save_settings_inner(
    language: String,
    timezone: String,
    page_size: String,
) -> Result<Prefs, AppError> {
    use crate::model::{COOKIE_LANG, COOKIE_PAGE_SIZE, COOKIE_TZ};
    let prefs = validate(&language, &timezone, &page_size)?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    for (name, value) in [
        (COOKIE_LANG, prefs.language.clone()),
        (COOKIE_TZ, prefs.timezone.clone()),
        (COOKIE_PAGE_SIZE, prefs.page_size.to_string()),
    ] {
        let cookie = format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax");
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }
    Ok(prefs)
}

#[cfg(feature = "ssr")]
fn validate(language: &str, timezone: &str, page_size: &str) -> Result<Prefs, AppError> {
    if !crate::model::LANGUAGES.contains(&language) {
        return Err(AppError::invalid("language", "settings-language-invalid"));
    }
    if !crate::format::is_timezone(timezone) {
        return Err(AppError::invalid("timezone", "settings-timezone-invalid"));
    }
    let page_size = page_size
        .trim()
        .parse()
        .ok()
        .filter(|n| PAGE_SIZES.contains(n))
        .ok_or_else(|| AppError::invalid("page_size", "settings-page-size-invalid"))?;
    Ok(Prefs {
        language: language.to_string(),
        timezone: timezone.to_string(),
        page_size,
    })
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let form = Resource::new(|| (), |_| settings());
    view! {
        <PageHeader title=move_tr!("settings-title") description=move_tr!("settings-description")/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                fetched(form.await, |form| view! { <SettingsEditor form/> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn SettingsEditor(form: SettingsForm) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let save = ServerAction::<SaveSettings>::new();
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let field_error = move |field: &'static str| {
        move || match error.get() {
            Some(e @ AppError::InvalidInput { .. }) if matches!(&e, AppError::InvalidInput { field: f, .. } if f == field) => {
                Some(error_text(&e))
            }
            _ => None,
        }
    };
    let other_error = Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::InvalidInput { .. }))
    });
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    // The language applies at once in this tab; the cookie keeps it for the next visit.
    Effect::new(move |_| {
        if let Some(Ok(prefs)) = save.value().get() {
            if let Some(lang) = i18n.languages.iter().find(|l| l.id == prefs.language) {
                i18n.language.set(lang);
            }
        }
    });
    let prefs = form.prefs;
    view! {
        <ActionForm action=save attr:class="max-w-lg space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <div class="space-y-1">
                <label for="settings-language" class="block text-sm font-medium">{move_tr!("settings-language")}</label>
                <select id="settings-language" name="language" class=format!("{SELECT} w-full")>
                    {i18n.languages.iter().map(|l| view! {
                        <option value=l.id selected=move || i18n.language.get().id == l.id>{l.name}</option>
                    }).collect_view()}
                </select>
                <p class="text-sm text-red-700" role="alert">{field_error("language")}</p>
            </div>
            <div class="space-y-1">
                <label for="settings-timezone" class="block text-sm font-medium">{move_tr!("settings-timezone")}</label>
                <select id="settings-timezone" name="timezone" class=format!("{SELECT} w-full")>
                    {form.timezones.into_iter().map(|tz| {
                        let selected = tz == prefs.timezone;
                        let label = tz.clone();
                        view! { <option value=tz selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
                <p class="text-sm text-red-700" role="alert">{field_error("timezone")}</p>
            </div>
            <div class="space-y-1">
                <label for="settings-page-size" class="block text-sm font-medium">{move_tr!("settings-page-size")}</label>
                <select id="settings-page-size" name="page_size" class=format!("{SELECT} w-full")>
                    {PAGE_SIZES.into_iter().map(|n| view! {
                        <option value=n.to_string() selected=n == prefs.page_size>
                            {move || if n == 0 { crate::i18n::tr_dynamic("settings-page-size-all") } else { n.to_string() }}
                        </option>
                    }).collect_view()}
                </select>
                <p class="text-sm text-red-700" role="alert">{field_error("page_size")}</p>
            </div>
            <ErrorBanner error=other_error/>
            <div class="flex items-center gap-3">
                <button type="submit" class=BUTTON disabled=move || save.pending().get()>{move_tr!("settings-save")}</button>
                <span role="status" class="text-sm text-green-700" data-testid="settings-saved">
                    {move || saved().then(|| move_tr!("settings-saved").get())}
                </span>
            </div>
        </ActionForm>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::validate;

    #[test]
    fn settings_are_checked_field_by_field() {
        assert!(validate("de", "Europe/Berlin", "50").is_ok());
        let field = |r: Result<_, crate::error::AppError>| match r {
            Err(crate::error::AppError::InvalidInput { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        };
        assert_eq!(field(validate("xx", "UTC", "20")), "language");
        assert_eq!(field(validate("en", "Not/AZone", "20")), "timezone");
        assert_eq!(field(validate("en", "UTC", "7")), "page_size");
        assert_eq!(field(validate("en", "UTC", "lots")), "page_size");
    }
}
