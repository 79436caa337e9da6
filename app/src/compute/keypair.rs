//! Project → Compute → Key pairs: list, create (the private key is shown
//! once), import and delete. The forms are shared with the launch wizard.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::action::ConfirmPanel;
use crate::error::AppError;
use crate::i18n::tr_dynamic_args;
use crate::ui::{
    error_text, fetched, DataTable, ErrorBanner, Field, Loading, PageHeader, BUTTON, TD,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeypairRow {
    pub name: String,
    pub fingerprint: String,
    pub key_type: String,
    pub created: String,
}

/// A key pair just made by Nova, with the private key it will never show again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewKeypair {
    pub name: String,
    pub fingerprint: String,
    pub private_key: Option<String>,
}

/// Nova's rule for key pair names: 1–255 of letters, digits, space and `_-.@`.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn check_keypair_name(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("name", "keypair-name-required"));
    }
    if name.chars().count() > 255
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || " _-.@".contains(c))
    {
        return Err(AppError::invalid("name", "keypair-name-invalid"));
    }
    Ok(name)
}

/// An OpenSSH public key: a known type, then base64.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn check_public_key(key: &str) -> Result<&str, AppError> {
    let key = key.trim();
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or_default();
    let data = parts.next().unwrap_or_default();
    let known = kind.starts_with("ssh-") || kind.starts_with("ecdsa-sha2-");
    let base64 = data.len() >= 16
        && data
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c));
    if known && base64 {
        Ok(key)
    } else {
        Err(AppError::invalid(
            "public_key",
            "keypair-public-key-invalid",
        ))
    }
}

#[server(endpoint = "list_keypairs")]
pub async fn list_keypairs() -> Result<Vec<KeypairRow>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let mut rows: Vec<KeypairRow> = openstack::compute::list_keypairs(&api)
        .await?
        .into_iter()
        .map(|k| KeypairRow {
            created: k
                .created_at
                .map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
                .unwrap_or_default(),
            key_type: k.key_type.unwrap_or_else(|| "ssh".into()),
            fingerprint: k.fingerprint,
            name: k.name,
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(rows)
}

/// A 409 from Nova here means the name is taken: say so at the field.
#[cfg(feature = "ssr")]
fn name_taken(err: openstack::Error) -> AppError {
    match AppError::from(err) {
        AppError::Cloud { status: 409, .. } => AppError::invalid("name", "keypair-name-taken"),
        other => other,
    }
}

#[server(endpoint = "create_keypair")]
pub async fn create_keypair(name: String) -> Result<NewKeypair, AppError> {
    let name = check_keypair_name(&name)?;
    let (_, api) = crate::ssr::session::require().await?;
    let k = openstack::compute::create_keypair(&api, name)
        .await
        .map_err(name_taken)?;
    Ok(NewKeypair {
        private_key: k.private_key.map(|p| p.expose().to_string()),
        fingerprint: k.fingerprint,
        name: k.name,
    })
}

#[server(endpoint = "import_keypair")]
pub async fn import_keypair(name: String, public_key: String) -> Result<NewKeypair, AppError> {
    let name = check_keypair_name(&name)?;
    let public_key = check_public_key(&public_key)?;
    let (_, api) = crate::ssr::session::require().await?;
    let k = openstack::compute::import_keypair(&api, name, public_key)
        .await
        .map_err(name_taken)?;
    Ok(NewKeypair {
        private_key: None,
        fingerprint: k.fingerprint,
        name: k.name,
    })
}

#[server(endpoint = "delete_keypair")]
pub async fn delete_keypair(name: String) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    openstack::compute::delete_keypair(&api, &name).await?;
    Ok(())
}

/// The private key, offered once as a file to save.
#[component]
pub fn PrivateKeyOnce(key: NewKeypair) -> impl IntoView {
    key.private_key.map(|pem| {
        use base64::Engine;
        let href = format!(
            "data:application/x-pem-file;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(pem.as_bytes())
        );
        let file = format!("{}.pem", key.name);
        view! {
            <div role="status" data-testid="private-key" class="my-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
                <p class="font-medium">{move_tr!("keypair-private-key-once")}</p>
                <a href=href download=file class=format!("mt-2 {BUTTON}") data-testid="download-private-key">
                    {move_tr!("keypair-download")}
                </a>
            </div>
        }
    })
}

/// Create and import forms; `on_saved` gets the new key pair's name.
#[component]
pub fn KeypairForms(on_saved: Callback<String>) -> impl IntoView {
    let create = ServerAction::<CreateKeypair>::new();
    let import = ServerAction::<ImportKeypair>::new();
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let import_error = Signal::derive(move || import.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(k)) = create.value().get() {
            on_saved.run(k.name);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(k)) = import.value().get() {
            on_saved.run(k.name);
        }
    });
    let other_error = move |e: Signal<Option<AppError>>| {
        Signal::derive(move || {
            e.get()
                .filter(|e| !matches!(e, AppError::InvalidInput { .. }))
        })
    };
    view! {
        <div class="grid gap-4 md:grid-cols-2">
            <section class="rounded-lg border border-slate-200 bg-white p-4" data-testid="keypair-create">
                <h2 class="mb-2 font-semibold">{move_tr!("keypair-create-title")}</h2>
                <ActionForm action=create attr:class="space-y-3">
                    <Field id="keypair-create-name" label=move_tr!("keypair-name") name="name" error=create_error required=true/>
                    <button type="submit" class=BUTTON disabled=move || create.pending().get()>{move_tr!("keypair-create")}</button>
                </ActionForm>
                <ErrorBanner error=other_error(create_error)/>
                {move || create.value().get().and_then(Result::ok).map(|k| view! { <PrivateKeyOnce key=k/> })}
            </section>
            <section class="rounded-lg border border-slate-200 bg-white p-4" data-testid="keypair-import">
                <h2 class="mb-2 font-semibold">{move_tr!("keypair-import-title")}</h2>
                <ActionForm action=import attr:class="space-y-3">
                    <Field id="keypair-import-name" label=move_tr!("keypair-name") name="name" error=import_error required=true/>
                    <div class="space-y-1">
                        <label for="keypair-public-key" class="block text-sm font-medium text-slate-700">{move_tr!("keypair-public-key")}</label>
                        <textarea id="keypair-public-key" name="public_key" rows="4" required
                            aria-describedby="keypair-public-key-error"
                            class="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"></textarea>
                        <p id="keypair-public-key-error" role="alert" class="text-sm text-red-700">
                            {move || match import_error.get() {
                                Some(e @ AppError::InvalidInput { .. }) if matches!(&e, AppError::InvalidInput { field, .. } if field == "public_key") => Some(error_text(&e)),
                                _ => None,
                            }}
                        </p>
                    </div>
                    <button type="submit" class=BUTTON disabled=move || import.pending().get()>{move_tr!("keypair-import")}</button>
                </ActionForm>
                <ErrorBanner error=other_error(import_error)/>
                {move || import.value().get().and_then(Result::ok).map(|k| view! {
                    <p role="status" class="mt-2 text-sm text-green-800">{tr_dynamic_args("keypair-imported", &[("name", k.name)])}</p>
                })}
            </section>
        </div>
    }
}

#[component]
pub fn KeypairsPage() -> impl IntoView {
    let keypairs = Resource::new(|| (), |_| list_keypairs());
    let delete = ServerAction::<DeleteKeypair>::new();
    let confirming = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if delete.version().get() > 0 {
            keypairs.refetch();
        }
    });
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <PageHeader title=move_tr!("keypairs-title") description=move_tr!("keypairs-description")/>
        <KeypairForms on_saved=Callback::new(move |_| keypairs.refetch())/>
        <div class="mt-6">
            {move || confirming.get().map(|name| {
                let n = name.clone();
                view! {
                    <ConfirmPanel
                        message=tr_dynamic_args("keypair-confirm-delete", &[("name", name.clone())])
                        names={ Vec::<String>::new() }
                        destructive=true
                        pending=delete.pending()
                        on_confirm=Callback::new(move |_| {
                            delete.dispatch(DeleteKeypair { name: n.clone() });
                            confirming.set(None);
                        })
                        on_cancel=Callback::new(move |_| confirming.set(None))
                    />
                }
            })}
            <ErrorBanner error=delete_error/>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(keypairs.await, move |rows| {
                        if rows.is_empty() {
                            return view! { <p class="text-sm text-slate-600" data-testid="keypairs-empty">{move_tr!("keypairs-empty")}</p> }.into_any();
                        }
                        let headers = vec![
                            move_tr!("keypair-name"),
                            move_tr!("keypair-fingerprint"),
                            move_tr!("keypair-type"),
                            move_tr!("instances-created"),
                            move_tr!("common-actions"),
                        ];
                        view! {
                            <DataTable testid="keypairs-table" headers items=rows row=move |k: KeypairRow| {
                                let name = k.name.clone();
                                view! {
                                    <tr data-testid="keypair-row">
                                        <td class=format!("{TD} font-medium")>{k.name}</td>
                                        <td class=format!("{TD} font-mono text-xs")>{k.fingerprint}</td>
                                        <td class=TD>{k.key_type}</td>
                                        <td class=TD>{k.created}</td>
                                        <td class=TD>
                                            <button type="button" class="text-red-800 underline" data-testid="keypair-delete"
                                                on:click=move |_| confirming.set(Some(name.clone()))>
                                                {move_tr!("action-delete")}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }/>
                        }.into_any()
                    })
                })}
            </Transition>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keypair_names_follow_nova() {
        assert!(check_keypair_name("laptop key_1.pub@home").is_ok());
        assert!(check_keypair_name("  ").is_err());
        assert!(check_keypair_name("a/b").is_err());
        assert!(check_keypair_name(&"x".repeat(256)).is_err());
    }

    #[test]
    fn public_keys_are_checked() {
        assert!(check_public_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@host").is_ok());
        assert!(check_public_key("hello world").is_err());
        assert!(check_public_key("").is_err());
    }
}
