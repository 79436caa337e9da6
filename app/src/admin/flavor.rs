//! Admin → Compute → Flavors: every flavor (public and private) with its
//! sizes and extra specs at a glance; create, and delete with a confirmation
//! that names the instances still using the flavor.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use serde::{Deserialize, Serialize};

use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::format::{format_decimal, format_number};
use crate::i18n::tr_dynamic_args;
use crate::ui::{
    error_text, fetched, yes_no, DataTable, ErrorBanner, Loading, PageHeader, BUTTON, CARD, TD,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorRow {
    pub id: String,
    pub name: String,
    pub vcpus: u64,
    pub ram: u64,
    pub disk: u64,
    pub ephemeral: u64,
    pub swap: u64,
    pub rxtx_factor: f64,
    pub is_public: bool,
    pub description: String,
    pub extra_specs: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
pub(super) fn flavor_row(f: openstack::compute::Flavor) -> FlavorRow {
    FlavorRow {
        id: f.id,
        name: f.name,
        vcpus: f.vcpus,
        ram: f.ram,
        disk: f.disk,
        ephemeral: f.ephemeral,
        swap: f.swap,
        rxtx_factor: f.rxtx_factor.unwrap_or(1.0),
        is_public: f.is_public,
        description: f.description.unwrap_or_default(),
        extra_specs: f.extra_specs.into_iter().collect(),
    }
}

/// What the create form sends; numbers as typed, checked on the server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewFlavor {
    pub name: String,
    pub id: String,
    pub vcpus: String,
    pub ram: String,
    pub disk: String,
    pub ephemeral: String,
    pub swap: String,
    pub rxtx_factor: String,
    pub is_public: bool,
    pub description: String,
}

/// A whole number in `min..=max` typed into `field`.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn whole(text: &str, field: &str, min: u64, max: u64) -> Result<u64, AppError> {
    let text = text.trim();
    if text.is_empty() && min == 0 {
        return Ok(0);
    }
    match text.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(AppError::invalid(
            field,
            &format!("flavors-{field}-invalid"),
        )),
    }
}

/// The checked flavor, as Nova's schema wants it.
#[cfg(feature = "ssr")]
pub fn check_new_flavor(new: &NewFlavor) -> Result<openstack::compute::FlavorCreate, AppError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 255 {
        return Err(AppError::invalid("name", "flavors-name-invalid"));
    }
    let id = new.id.trim();
    if id.chars().count() > 255
        || !id
            .chars()
            .all(|c| c.is_alphanumeric() || "-_. ".contains(c))
    {
        return Err(AppError::invalid("id", "flavors-id-invalid"));
    }
    let rxtx = match new.rxtx_factor.trim() {
        "" => 1.0,
        t => match t.parse::<f64>() {
            Ok(f) if f > 0.0 && f.is_finite() => f,
            _ => {
                return Err(AppError::invalid(
                    "rxtx_factor",
                    "flavors-rxtx_factor-invalid",
                ))
            }
        },
    };
    // Nova's limits: a signed 32-bit integer for every size.
    const MAX: u64 = i32::MAX as u64;
    Ok(openstack::compute::FlavorCreate {
        name: name.to_owned(),
        id: (!id.is_empty()).then(|| id.to_owned()),
        vcpus: whole(&new.vcpus, "vcpus", 1, MAX)?,
        ram: whole(&new.ram, "ram", 1, MAX)?,
        disk: whole(&new.disk, "disk", 0, MAX)?,
        ephemeral: whole(&new.ephemeral, "ephemeral", 0, MAX)?,
        swap: whole(&new.swap, "swap", 0, MAX)?,
        rxtx_factor: Some(rxtx),
        is_public: Some(new.is_public),
        description: Some(new.description.trim().to_owned()).filter(|d| !d.is_empty()),
    })
}

#[server(endpoint = "admin_list_flavors")]
pub async fn list_flavors() -> Result<Vec<FlavorRow>, AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    let mut rows: Vec<FlavorRow> = openstack::compute::list_flavors_all(&api, None)
        .await?
        .into_iter()
        .map(flavor_row)
        .collect();
    rows.sort_by(|a, b| (a.vcpus, a.ram, &a.name).cmp(&(b.vcpus, b.ram, &b.name)));
    Ok(rows)
}

#[server(endpoint = "admin_create_flavor", input = leptos::server_fn::codec::Json)]
pub async fn create_flavor(new: NewFlavor) -> Result<String, AppError> {
    let create = check_new_flavor(&new)?;
    let (_, api) = crate::ssr::session::require_admin().await?;
    match openstack::compute::create_flavor(&api, &create).await {
        Ok(f) => Ok(f.id),
        // Nova's 409 says what is taken: the ID or the name.
        Err(e @ openstack::Error::Conflict { .. }) => {
            let field = if e.to_string().contains("ID") {
                "id"
            } else {
                "name"
            };
            Err(AppError::refused_at(field, e))
        }
        Err(e) => Err(e.into()),
    }
}

/// The names of the instances (in every project) still using a flavor.
#[server(endpoint = "admin_flavor_usage")]
pub async fn flavor_usage(id: String) -> Result<Vec<String>, AppError> {
    use openstack::compute::{list_servers, ServerFilter};
    let (_, api) = crate::ssr::session::require_admin().await?;
    let filter = ServerFilter {
        all_tenants: true,
        flavor: Some(id),
        ..Default::default()
    };
    let mut names: Vec<String> = list_servers(&api, &filter)
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    names.sort();
    Ok(names)
}

#[server(endpoint = "admin_delete_flavor")]
pub async fn delete_flavor(id: String) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    openstack::compute::delete_flavor(&api, &id).await?;
    Ok(())
}

/// `2,048` in the user's language (the column or label names the unit).
pub(super) fn number(n: u64) -> String {
    format_number(n as i64, &crate::i18n::current_language())
}

/// "hw:cpu_max_threads=2" chips, the first few and a count of the rest.
#[component]
fn SpecsAtAGlance(specs: Vec<(String, String)>) -> impl IntoView {
    let more = specs.len().saturating_sub(4);
    view! {
        <ul class="flex max-w-xs flex-wrap gap-1" data-testid="flavor-specs">
            {specs.into_iter().take(4).map(|(k, v)| view! {
                <li class="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{k}"="{v}</li>
            }).collect_view()}
            {(more > 0).then(|| view! { <li class="text-xs text-slate-600">{crate::i18n::tr_count("flavors-more-specs", "count", more as i64)}</li> })}
        </ul>
    }
}

#[component]
fn CreateFlavor(on_created: Callback<String>) -> impl IntoView {
    let new = RwSignal::new(NewFlavor {
        is_public: true,
        rxtx_factor: "1.0".into(),
        ..Default::default()
    });
    let create = ServerAction::<CreateFlavor>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            on_created.run(id);
        }
    });
    let field = move |name: &'static str,
                      label: &'static str,
                      numeric: bool,
                      setter: fn(&mut NewFlavor, String),
                      getter: fn(&NewFlavor) -> String| {
        let id = format!("flavor-new-{name}");
        let error_id = format!("{id}-error");
        let described = error_id.clone();
        let message = move || {
            error
                .get()
                .filter(|e| e.field() == Some(name))
                .map(|e| error_text(&e))
        };
        let invalid = move || {
            error
                .with(|e| e.as_ref().and_then(|e| e.field()) == Some(name))
                .to_string()
        };
        view! {
            <div class="space-y-1">
                <label for=id.clone() class="block text-sm font-medium text-slate-700">{move || crate::i18n::tr_dynamic(label)}</label>
                <input id=id type="text" inputmode=if numeric { "numeric" } else { "text" } data-testid=format!("flavor-new-{name}")
                    aria-invalid=invalid aria-describedby=described
                    class="block w-full rounded-md border border-slate-300 px-3 py-1.5 aria-[invalid=true]:border-red-500"
                    prop:value=move || new.with(getter) on:input=move |ev| new.update(|n| setter(n, event_target_value(&ev)))/>
                <p id=error_id role="alert" class="text-sm text-red-700">{message}</p>
            </div>
        }
    };
    view! {
        <details class=format!("{CARD} mb-4") data-testid="flavor-create">
            <summary class="cursor-pointer font-semibold">{move_tr!("flavors-create-title")}</summary>
            <div class="mt-3 grid gap-3 md:grid-cols-4">
                {field("name", "flavors-name", false, |n, v| n.name = v, |n| n.name.clone())}
                {field("id", "flavors-id", false, |n, v| n.id = v, |n| n.id.clone())}
                {field("vcpus", "flavors-vcpus", true, |n, v| n.vcpus = v, |n| n.vcpus.clone())}
                {field("ram", "flavors-ram", true, |n, v| n.ram = v, |n| n.ram.clone())}
                {field("disk", "flavors-disk", true, |n, v| n.disk = v, |n| n.disk.clone())}
                {field("ephemeral", "flavors-ephemeral", true, |n, v| n.ephemeral = v, |n| n.ephemeral.clone())}
                {field("swap", "flavors-swap", true, |n, v| n.swap = v, |n| n.swap.clone())}
                {field("rxtx_factor", "flavors-rxtx", true, |n, v| n.rxtx_factor = v, |n| n.rxtx_factor.clone())}
                <div class="md:col-span-3">
                    {field("description", "flavors-description-field", false, |n, v| n.description = v, |n| n.description.clone())}
                </div>
                <label class="flex items-center gap-2 self-end text-sm">
                    <input type="checkbox" data-testid="flavor-new-public" prop:checked=move || new.with(|n| n.is_public)
                        on:change=move |ev| new.update(|n| n.is_public = event_target_checked(&ev))/>
                    {move_tr!("flavors-public")}
                </label>
            </div>
            <p class="mt-2 text-xs text-slate-600">{move_tr!("flavors-id-hint")}</p>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| e.field().is_none()))/>
            <button type="button" class=format!("mt-3 {BUTTON}") data-testid="flavor-create-submit" disabled=move || create.pending().get()
                on:click=move |_| { create.dispatch(CreateFlavor { new: new.get_untracked() }); }>
                {move_tr!("flavors-create")}
            </button>
        </details>
    }
}

#[component]
pub fn FlavorsPage() -> impl IntoView {
    let flavors = Resource::new(|| (), |_| list_flavors());
    let navigate = leptos_router::hooks::use_navigate();
    let delete = ServerAction::<DeleteFlavor>::new();
    let usage = Action::new(|id: &String| flavor_usage(id.clone()));
    // The flavor being deleted: id and name.
    let confirming = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            flavors.refetch();
        }
    });
    let error = Signal::derive(move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| usage.value().get().and_then(Result::err))
    });
    view! {
        <PageHeader title=move_tr!("flavors-title") description=move_tr!("flavors-description")/>
        <CreateFlavor on_created=Callback::new(move |id: String| navigate(&format!("/admin/flavors/{id}"), Default::default()))/>
        {move || confirming.get().map(|(id, name)| {
            let names = Signal::derive(move || usage.value().get().and_then(Result::ok).unwrap_or_default());
            let message = Signal::derive(move || {
                let n = usage.value().get().and_then(Result::ok).map(|v| v.len()).unwrap_or(0);
                if n == 0 {
                    tr_dynamic_args("flavors-confirm-delete", &[("name", name.clone())])
                } else {
                    let map = [("name".into(), name.clone().into()), ("count".into(), (n as i64).into())].into_iter().collect();
                    expect_context::<leptos_fluent::I18n>().tr_with_args("flavors-confirm-delete-in-use", &map)
                }
            });
            view! {
                <div data-testid="flavor-delete-confirm">
                    <ConfirmPanel message names destructive=true pending=Signal::derive(move || delete.pending().get() || usage.pending().get())
                        on_confirm=Callback::new(move |_| {
                            delete.dispatch(DeleteFlavor { id: id.clone() });
                            confirming.set(None);
                        })
                        on_cancel=Callback::new(move |_| confirming.set(None))/>
                </div>
            }
        })}
        <ErrorBanner error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(flavors.await, move |rows| {
                    let headers = vec![
                        move_tr!("flavors-name"),
                        move_tr!("flavors-vcpus"),
                        move_tr!("flavors-ram"),
                        move_tr!("flavors-disk"),
                        move_tr!("flavors-ephemeral"),
                        move_tr!("flavors-swap"),
                        move_tr!("flavors-rxtx"),
                        move_tr!("flavors-public"),
                        move_tr!("flavors-extra-specs"),
                        move_tr!("common-actions"),
                    ];
                    view! {
                        <DataTable testid="flavors-table" headers items=rows row=move |f: FlavorRow| {
                            let (id, name) = (f.id.clone(), f.name.clone());
                            view! {
                                <tr data-testid="flavor-row">
                                    <td class=format!("{TD} font-medium")>
                                        <A href=format!("/admin/flavors/{}", f.id) attr:class="text-sky-800 underline">{f.name.clone()}</A>
                                        <span class="block font-mono text-[10px] text-slate-500">{f.id.clone()}</span>
                                    </td>
                                    <td class=TD>{f.vcpus}</td>
                                    <td class=TD>{number(f.ram)}</td>
                                    <td class=TD>{number(f.disk)}</td>
                                    <td class=TD>{number(f.ephemeral)}</td>
                                    <td class=TD>{if f.swap == 0 { "–".to_string() } else { number(f.swap) }}</td>
                                    <td class=TD>{format_decimal(f.rxtx_factor, &crate::i18n::current_language())}</td>
                                    <td class=TD>{yes_no(f.is_public)}</td>
                                    <td class=TD><SpecsAtAGlance specs=f.extra_specs/></td>
                                    <td class=TD>
                                        <button type="button" class="text-red-800 underline" data-testid="flavor-delete"
                                            on:click=move |_| {
                                                usage.dispatch(id.clone());
                                                confirming.set(Some((id.clone(), name.clone())));
                                            }>
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_checked_at_their_fields() {
        assert_eq!(whole("8", "vcpus", 1, 10).ok(), Some(8));
        assert_eq!(whole("", "disk", 0, 10).ok(), Some(0));
        assert_eq!(
            whole("0", "vcpus", 1, 10).unwrap_err(),
            AppError::invalid("vcpus", "flavors-vcpus-invalid")
        );
        assert!(whole("-1", "disk", 0, 10).is_err());
        assert!(whole("x", "ram", 1, 10).is_err());
        assert!(whole("11", "ram", 1, 10).is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn new_flavors_are_checked() {
        let mut new = NewFlavor {
            name: "m1.topo".into(),
            vcpus: "8".into(),
            ram: "1024".into(),
            disk: "10".into(),
            rxtx_factor: "1.0".into(),
            is_public: true,
            ..Default::default()
        };
        let ok = check_new_flavor(&new).unwrap();
        assert_eq!((ok.vcpus, ok.ram, ok.disk, ok.id), (8, 1024, 10, None));
        new.name = " ".into();
        assert_eq!(check_new_flavor(&new).unwrap_err().field(), Some("name"));
        new.name = "ok".into();
        new.rxtx_factor = "0".into();
        assert_eq!(
            check_new_flavor(&new).unwrap_err().field(),
            Some("rxtx_factor")
        );
        new.rxtx_factor = String::new();
        new.id = "a/b".into();
        assert_eq!(check_new_flavor(&new).unwrap_err().field(), Some("id"));
    }
}
