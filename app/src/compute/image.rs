//! Project → Compute → Images: list, upload with progress (the bytes go
//! browser → Zenith → Glance as a stream), edit, delete, launch.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::action::ConfirmPanel;
use crate::error::AppError;
use crate::i18n::tr_dynamic_args;
use crate::ui::{
    error_text, fetched, query_string, ErrorBanner, Loading, PageHeader, BUTTON, CARD, SELECT,
    TABLE, TD, TH,
};

pub const DISK_FORMATS: [&str; 9] = [
    "qcow2", "raw", "iso", "vmdk", "vdi", "vhd", "vhdx", "ami", "ploop",
];
pub const VISIBILITIES: [&str; 4] = ["private", "shared", "community", "public"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub visibility: String,
    pub protected: bool,
    pub disk_format: String,
    pub size: Option<u64>,
    pub created: String,
    pub snapshot: bool,
    pub min_disk: u64,
    pub min_ram: u64,
    pub owner: String,
    pub properties: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageListPage {
    pub items: Vec<ImageRow>,
    pub next: Option<String>,
}

/// Attributes Glance shows next to custom properties that are not the
/// user's to edit.
#[cfg(feature = "ssr")]
fn is_reserved(key: &str) -> bool {
    matches!(
        key,
        "schema" | "self" | "file" | "stores" | "locations" | "direct_url" | "tags"
    ) || key.starts_with("os_glance")
}

#[cfg(feature = "ssr")]
fn image_row(i: openstack::image::Image, prefs: &crate::model::Prefs) -> ImageRow {
    let properties = i
        .properties
        .iter()
        .filter(|(k, _)| !is_reserved(k))
        .map(|(k, v)| {
            let text = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            (k.clone(), text)
        })
        .collect();
    ImageRow {
        snapshot: i.properties.get("image_type").and_then(|v| v.as_str()) == Some("snapshot"),
        name: i.name.clone().unwrap_or_default(),
        created: i
            .created_at
            .map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
            .unwrap_or_default(),
        status: i.status,
        visibility: i.visibility,
        protected: i.protected,
        disk_format: i.disk_format.unwrap_or_default(),
        size: i.size,
        min_disk: i.min_disk,
        min_ram: i.min_ram,
        owner: i.owner.unwrap_or_default(),
        properties,
        id: i.id,
    }
}

#[server(endpoint = "list_images")]
pub async fn list_images(marker: String, visibility: String) -> Result<ImageListPage, AppError> {
    use openstack::image::{list_images_page, ImageFilter};
    let visibility = visibility.trim().to_string();
    if !visibility.is_empty() && !VISIBILITIES.contains(&visibility.as_str()) {
        return Err(AppError::invalid("visibility", "images-visibility-invalid"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let filter = ImageFilter {
        limit: Some(if prefs.page_size > 0 {
            prefs.page_size
        } else {
            1000
        }),
        marker: Some(marker).filter(|m| !m.is_empty()),
        visibility: Some(visibility).filter(|v| !v.is_empty()),
        ..Default::default()
    };
    let page = list_images_page(&api, &filter).await?;
    Ok(ImageListPage {
        items: page
            .images
            .into_iter()
            .map(|i| image_row(i, &prefs))
            .collect(),
        next: page.next_marker,
    })
}

#[server(endpoint = "get_image")]
pub async fn get_image(id: String) -> Result<ImageRow, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let image = openstack::image::get_image(&api, &id).await?;
    Ok(image_row(image, &prefs))
}

/// The fields of a new image, before its data is uploaded.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewImage {
    pub name: String,
    pub disk_format: String,
    pub visibility: String,
    pub min_disk: String,
    pub min_ram: String,
}

/// A whole number ≥ 0 typed in a form, or the field's error.
pub fn parse_size(text: &str, field: &str) -> Result<u64, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(0);
    }
    text.parse()
        .map_err(|_| AppError::invalid(field, "images-size-invalid"))
}

pub fn check_new_image(new: &NewImage) -> Result<(), AppError> {
    if new.name.trim().is_empty() {
        return Err(AppError::invalid("name", "images-name-required"));
    }
    if !DISK_FORMATS.contains(&new.disk_format.as_str()) {
        return Err(AppError::invalid("disk_format", "images-format-invalid"));
    }
    if !VISIBILITIES.contains(&new.visibility.as_str()) {
        return Err(AppError::invalid("visibility", "images-visibility-invalid"));
    }
    parse_size(&new.min_disk, "min_disk")?;
    parse_size(&new.min_ram, "min_ram")?;
    Ok(())
}

/// Creates the image record; the browser then streams the file to
/// `PUT /data/images/{id}`.
#[server(endpoint = "create_image", input = leptos::server_fn::codec::Json)]
pub async fn create_image(new: NewImage) -> Result<String, AppError> {
    use openstack::image::ImageCreate;
    check_new_image(&new)?;
    let (_, api) = crate::ssr::session::require().await?;
    let create = ImageCreate {
        name: new.name.trim().to_string(),
        disk_format: Some(new.disk_format.clone()),
        container_format: Some(
            if new.disk_format == "ami" {
                "ami"
            } else {
                "bare"
            }
            .into(),
        ),
        visibility: Some(new.visibility.clone()),
        min_disk: Some(parse_size(&new.min_disk, "min_disk")?),
        min_ram: Some(parse_size(&new.min_ram, "min_ram")?),
        ..Default::default()
    };
    match openstack::image::create_image(&api, &create).await {
        Ok(image) => Ok(image.id),
        // Glance lets only admins publish; say so at the field.
        Err(openstack::Error::Forbidden { .. }) if new.visibility == "public" => {
            Err(AppError::invalid("visibility", "images-public-admin-only"))
        }
        Err(e) => Err(e.into()),
    }
}

#[server(endpoint = "delete_image")]
pub async fn delete_image(id: String) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    match openstack::image::delete_image(&api, &id).await {
        Ok(()) => Ok(()),
        Err(openstack::Error::Forbidden { .. }) => {
            Err(AppError::invalid("image", "images-protected-delete"))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageEdit {
    pub name: String,
    pub visibility: String,
    pub protected: bool,
    pub min_disk: String,
    pub min_ram: String,
    pub properties: Vec<(String, String)>,
}

/// Sends only what changed, as one JSON patch: all or nothing.
#[server(endpoint = "update_image", input = leptos::server_fn::codec::Json)]
pub async fn update_image(id: String, edit: ImageEdit) -> Result<(), AppError> {
    use openstack::image::ImagePatch;
    if edit.name.trim().is_empty() {
        return Err(AppError::invalid("name", "images-name-required"));
    }
    if !VISIBILITIES.contains(&edit.visibility.as_str()) {
        return Err(AppError::invalid("visibility", "images-visibility-invalid"));
    }
    let min_disk = parse_size(&edit.min_disk, "min_disk")?;
    let min_ram = parse_size(&edit.min_ram, "min_ram")?;
    let mut keys: Vec<&str> = edit.properties.iter().map(|(k, _)| k.trim()).collect();
    if keys
        .iter()
        .any(|k| k.is_empty() || is_reserved(k) || k.len() > 255)
    {
        return Err(AppError::invalid(
            "properties",
            "images-property-key-invalid",
        ));
    }
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return Err(AppError::invalid("properties", "launch-metadata-key-twice"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let current = image_row(openstack::image::get_image(&api, &id).await?, &prefs);
    let core = [
        "name",
        "visibility",
        "protected",
        "min_disk",
        "min_ram",
        "disk_format",
        "container_format",
        "status",
        "size",
        "virtual_size",
        "owner",
        "id",
        "checksum",
        "os_hash_algo",
        "os_hash_value",
        "created_at",
        "updated_at",
        "os_hidden",
    ];
    if keys.iter().any(|k| core.contains(k)) {
        return Err(AppError::invalid(
            "properties",
            "images-property-key-invalid",
        ));
    }
    let mut patch = Vec::new();
    if edit.name.trim() != current.name {
        patch.push(ImagePatch::replace("name", edit.name.trim()));
    }
    if edit.visibility != current.visibility {
        patch.push(ImagePatch::replace("visibility", edit.visibility.as_str()));
    }
    if edit.protected != current.protected {
        patch.push(ImagePatch::replace("protected", edit.protected));
    }
    if min_disk != current.min_disk {
        patch.push(ImagePatch::replace("min_disk", min_disk));
    }
    if min_ram != current.min_ram {
        patch.push(ImagePatch::replace("min_ram", min_ram));
    }
    for (k, _) in &current.properties {
        if !edit.properties.iter().any(|(n, _)| n.trim() == k) {
            patch.push(ImagePatch::remove(k));
        }
    }
    for (k, v) in &edit.properties {
        let k = k.trim();
        if current
            .properties
            .iter()
            .find(|(c, _)| c == k)
            .map(|(_, cv)| cv)
            != Some(v)
        {
            patch.push(ImagePatch::add(k, v.as_str()));
        }
    }
    if patch.is_empty() {
        return Ok(());
    }
    match openstack::image::update_image(&api, &id, &patch).await {
        Ok(_) => Ok(()),
        Err(openstack::Error::Forbidden { .. }) if edit.visibility == "public" => {
            Err(AppError::invalid("visibility", "images-public-admin-only"))
        }
        Err(e) => Err(e.into()),
    }
}

/// A guess at the disk format from a file name.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn format_from_file_name(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    DISK_FORMATS
        .into_iter()
        .find(|f| lower.ends_with(&format!(".{f}")))
        .unwrap_or(if lower.ends_with(".img") {
            "qcow2"
        } else {
            "raw"
        })
}

fn field_message(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> {
    move || match error.get() {
        Some(e @ AppError::InvalidInput { .. }) if matches!(&e, AppError::InvalidInput { field: f, .. } if f == field) => {
            Some(error_text(&e))
        }
        _ => None,
    }
}

#[component]
pub fn ImagesPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let images = Resource::new(
        move || (param("marker"), param("visibility")),
        |(marker, visibility)| list_images(marker, visibility),
    );
    let delete = ServerAction::<DeleteImage>::new();
    let confirming = RwSignal::new(None::<(String, String)>);
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            images.refetch();
        }
    });
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <PageHeader title=move_tr!("images-title") description=move_tr!("images-description")/>
        <UploadImage on_done=Callback::new(move |_| images.refetch())/>
        <div class="mt-6 mb-3 flex flex-wrap items-center gap-2 text-sm">
            <span class="font-medium">{move_tr!("images-visibility")}":"</span>
            {[""].into_iter().chain(VISIBILITIES).map(|v| {
                let href = query_string(&[("visibility", v.to_string())]);
                view! {
                    <a href=href class=move || if param("visibility") == v { "rounded bg-sky-100 px-2 py-1 text-sky-900" } else { "rounded px-2 py-1 text-sky-700 hover:underline" }>
                        {move || if v.is_empty() { crate::i18n::tr_dynamic("images-all") } else { crate::i18n::tr_dynamic(&format!("visibility-{v}")) }}
                    </a>
                }
            }).collect_view()}
        </div>
        {move || confirming.get().map(|(id, name)| view! {
            <ConfirmPanel
                message=tr_dynamic_args("images-confirm-delete", &[("name", name.clone())])
                names={ Vec::<String>::new() }
                destructive=true
                pending=delete.pending()
                on_confirm=Callback::new(move |_| {
                    delete.dispatch(DeleteImage { id: id.clone() });
                    confirming.set(None);
                })
                on_cancel=Callback::new(move |_| confirming.set(None))
            />
        })}
        <ErrorBanner error=delete_error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(images.await, move |page| {
                    if page.items.is_empty() {
                        return view! { <p class="text-sm text-slate-600" data-testid="images-empty">{move_tr!("images-empty")}</p> }.into_any();
                    }
                    let next = page.next.clone();
                    view! {
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class=TABLE data-testid="images-table">
                                <thead class="bg-slate-50"><tr>
                                    <th class=TH>{move_tr!("images-name")}</th>
                                    <th class=TH>{move_tr!("images-type")}</th>
                                    <th class=TH>{move_tr!("images-status")}</th>
                                    <th class=TH>{move_tr!("images-visibility")}</th>
                                    <th class=TH>{move_tr!("images-protected")}</th>
                                    <th class=TH>{move_tr!("images-format")}</th>
                                    <th class=TH>{move_tr!("images-size")}</th>
                                    <th class=TH>{move_tr!("instances-created")}</th>
                                    <th class=TH>{move_tr!("common-actions")}</th>
                                </tr></thead>
                                <tbody class="divide-y divide-slate-100">
                                    {page.items.into_iter().map(|i| {
                                        let (id, name) = (i.id.clone(), i.name.clone());
                                        let launchable = i.status == "active";
                                        view! {
                                            <tr data-testid="image-row">
                                                <td class=format!("{TD} font-medium")>
                                                    <A href=format!("/project/images/{}", i.id) attr:class="text-sky-700 hover:underline">{i.name.clone()}</A>
                                                </td>
                                                <td class=TD>{move || crate::i18n::tr_dynamic(if i.snapshot { "images-type-snapshot" } else { "images-type-image" })}</td>
                                                <td class=TD data-testid="image-status">{i.status.clone()}</td>
                                                <td class=TD>{move || crate::i18n::tr_dynamic(&format!("visibility-{}", i.visibility))}</td>
                                                <td class=TD>{crate::ui::yes_no(i.protected)}</td>
                                                <td class=TD>{i.disk_format.clone()}</td>
                                                <td class=TD>{move || i.size.map(crate::format::format_bytes).unwrap_or_default()}</td>
                                                <td class=TD>{i.created.clone()}</td>
                                                <td class=format!("{TD} whitespace-nowrap space-x-3")>
                                                    {launchable.then(|| view! {
                                                        <A href=format!("/project/instances/launch?image={}", id) attr:class="text-sky-700 underline">{move_tr!("images-launch")}</A>
                                                    })}
                                                    <button type="button" class="text-red-800 underline" data-testid="image-delete"
                                                        on:click=move |_| confirming.set(Some((id.clone(), name.clone())))>
                                                        {move_tr!("action-delete")}
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href=move || query_string(&[("visibility", param("visibility"))]) class="text-sky-700 underline">{move_tr!("instances-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=move || query_string(&[("visibility", param("visibility")), ("marker", m.clone())]) class="text-sky-700 underline">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

/// Where an upload stands (only the browser reaches Done and Failed).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Upload {
    Idle,
    Sending { id: String, sent: f64, total: f64 },
    Done,
    Cancelled,
    Failed(AppError),
}

#[component]
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn UploadImage(on_done: Callback<()>) -> impl IntoView {
    let form = RwSignal::new(NewImage {
        disk_format: "qcow2".into(),
        visibility: "private".into(),
        ..Default::default()
    });
    let chosen = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let state = RwSignal::new(Upload::Idle);
    let create = ServerAction::<CreateImage>::new();
    let remove = ServerAction::<DeleteImage>::new();
    // The request in flight, so Cancel can abort it (browser only).
    #[cfg(feature = "hydrate")]
    let xhr: StoredValue<Option<web_sys::XmlHttpRequest>, LocalStorage> =
        StoredValue::new_local(None);

    Effect::new(move |_| match create.value().get() {
        Some(Ok(id)) => {
            state.set(Upload::Sending {
                id: id.clone(),
                sent: 0.0,
                total: 1.0,
            });
            #[cfg(feature = "hydrate")]
            start_upload(id, state, on_done, xhr);
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });

    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            if let Some(file) = selected_file() {
                let name = file.name();
                form.update(|f| {
                    if f.name.is_empty() {
                        f.name = name.clone();
                    }
                    f.disk_format = format_from_file_name(&name).to_string();
                });
            }
        }
        chosen.set(!event_target_value(&ev).is_empty());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !chosen.get_untracked() {
            error.set(Some(AppError::invalid("file", "images-file-required")));
            return;
        }
        let new = form.get_untracked();
        if let Err(e) = check_new_image(&new) {
            error.set(Some(e));
            return;
        }
        error.set(None);
        create.dispatch(CreateImage { new });
    };
    let cancel = move |_| {
        #[cfg(feature = "hydrate")]
        xhr.with_value(|x| {
            if let Some(x) = x {
                let _ = x.abort();
            }
        });
        if let Upload::Sending { id, .. } = state.get_untracked() {
            // A queued image without data is of no use: remove it.
            remove.dispatch(DeleteImage { id });
        }
        state.set(Upload::Cancelled);
    };
    let sending = move || matches!(state.get(), Upload::Sending { .. });
    let err = Signal::derive(move || error.get());
    let text_input = |id: &'static str,
                      field: &'static str,
                      get: fn(&NewImage) -> String,
                      set: fn(&mut NewImage, String)| {
        view! {
            <div class="space-y-1">
                <label for=id class="block text-sm font-medium">{move || crate::i18n::tr_dynamic(&format!("images-field-{field}"))}</label>
                <input id=id type="text" class="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" aria-describedby=format!("{id}-error")
                    prop:value=move || form.with(get) on:input=move |ev| form.update(|f| set(f, event_target_value(&ev)))/>
                <p id=format!("{id}-error") role="alert" class="text-sm text-red-700">{field_message(err, field)}</p>
            </div>
        }
    };
    view! {
        <section class=CARD data-testid="image-upload">
            <h2 class="mb-3 font-semibold">{move_tr!("images-upload-title")}</h2>
            <form class="grid gap-4 md:grid-cols-3" on:submit=submit novalidate>
                <div class="space-y-1 md:col-span-3">
                    <label for="image-file" class="block text-sm font-medium">{move_tr!("images-file")}</label>
                    <input id="image-file" type="file" class="text-sm" aria-describedby="image-file-error" on:change=on_file/>
                    <p id="image-file-error" role="alert" class="text-sm text-red-700">{field_message(err, "file")}</p>
                </div>
                {text_input("image-name", "name", |f| f.name.clone(), |f, v| f.name = v)}
                <div class="space-y-1">
                    <label for="image-format" class="block text-sm font-medium">{move_tr!("images-format")}</label>
                    <select id="image-format" class=SELECT on:change=move |ev| form.update(|f| f.disk_format = event_target_value(&ev))>
                        {DISK_FORMATS.into_iter().map(|d| view! { <option value=d selected=move || form.with(|f| f.disk_format == d)>{d}</option> }).collect_view()}
                    </select>
                    <p role="alert" class="text-sm text-red-700">{field_message(err, "disk_format")}</p>
                </div>
                <div class="space-y-1">
                    <label for="image-visibility" class="block text-sm font-medium">{move_tr!("images-visibility")}</label>
                    <select id="image-visibility" class=SELECT aria-describedby="image-visibility-error" on:change=move |ev| form.update(|f| f.visibility = event_target_value(&ev))>
                        {VISIBILITIES.into_iter().map(|v| view! {
                            <option value=v selected=move || form.with(|f| f.visibility == v)>{move || crate::i18n::tr_dynamic(&format!("visibility-{v}"))}</option>
                        }).collect_view()}
                    </select>
                    <p id="image-visibility-error" role="alert" class="text-sm text-red-700">{field_message(err, "visibility")}</p>
                </div>
                {text_input("image-min-disk", "min_disk", |f| f.min_disk.clone(), |f, v| f.min_disk = v)}
                {text_input("image-min-ram", "min_ram", |f| f.min_ram.clone(), |f, v| f.min_ram = v)}
                <div class="flex items-end gap-2">
                    <button type="submit" class=BUTTON data-testid="image-upload-submit" disabled=move || { sending() || create.pending().get() }>
                        {move_tr!("images-upload")}
                    </button>
                </div>
            </form>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::InvalidInput { .. })))/>
            {move || match state.get() {
                Upload::Sending { sent, total, .. } => {
                    let pct = if total > 0.0 { (sent / total * 100.0).floor() } else { 0.0 };
                    view! {
                        <div class="mt-3 flex items-center gap-3" data-testid="upload-progress">
                            <progress class="w-64" max="100" value=pct aria-label=move_tr!("images-upload-progress")></progress>
                            <span class="text-sm tabular-nums" data-testid="upload-percent">{format!("{pct}%")}</span>
                            <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="upload-cancel" on:click=cancel>
                                {move_tr!("common-cancel")}
                            </button>
                        </div>
                    }.into_any()
                }
                Upload::Done => view! { <p role="status" class="mt-3 text-sm text-green-800" data-testid="upload-done">{move_tr!("images-upload-done")}</p> }.into_any(),
                Upload::Cancelled => view! { <p role="status" class="mt-3 text-sm text-slate-700" data-testid="upload-cancelled">{move_tr!("images-upload-cancelled")}</p> }.into_any(),
                Upload::Failed(e) => view! { <p role="alert" class="mt-3 text-sm text-red-800" data-testid="upload-failed">{error_text(&e)}</p> }.into_any(),
                Upload::Idle => ().into_any(),
            }}
        </section>
    }
}

#[cfg(feature = "hydrate")]
fn selected_file() -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = document()
        .get_element_by_id("image-file")?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?;
    input.files()?.get(0)
}

/// Streams the chosen file to Zenith with XMLHttpRequest, whose upload
/// events give the progress bar (fetch has none for request bodies).
#[cfg(feature = "hydrate")]
fn start_upload(
    id: String,
    state: RwSignal<Upload>,
    on_done: Callback<()>,
    slot: StoredValue<Option<web_sys::XmlHttpRequest>, LocalStorage>,
) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let fail = move |e: AppError| state.set(Upload::Failed(e));
    let Some(file) = selected_file() else {
        fail(AppError::invalid("file", "images-file-required"));
        return;
    };
    let Ok(xhr) = web_sys::XmlHttpRequest::new() else {
        fail(AppError::Internal("XMLHttpRequest".into()));
        return;
    };
    if xhr.open("PUT", &format!("/data/images/{id}")).is_err() {
        fail(AppError::Internal("open".into()));
        return;
    }
    let _ = xhr.set_request_header("Content-Type", "application/octet-stream");
    let progress_id = id.clone();
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                state.set(Upload::Sending {
                    id: progress_id.clone(),
                    sent: e.loaded(),
                    total: e.total(),
                });
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    on_progress.forget();
    let done_xhr = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        let status = done_xhr.status().unwrap_or(0);
        if (200..300).contains(&status) {
            state.set(Upload::Done);
            on_done.run(());
        } else {
            let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
            let error = AppError::from_data_body(status, body);
            state.set(Upload::Failed(error));
        }
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        fail(AppError::Unreachable {
            service: "zenith".into(),
        });
    });
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    if xhr.send_with_opt_blob(Some(&file)).is_err() {
        fail(AppError::Internal("send".into()));
        return;
    }
    slot.set_value(Some(xhr));
}

#[component]
pub fn ImageDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let image = Resource::new(move || id.get(), get_image);
    // Outside the editor: the refetch after a save renders a new editor.
    let saved = RwSignal::new(false);
    let topology_saved = RwSignal::new(false);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(image.await, move |i| view! {
                    <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                        <h1 class="text-2xl font-semibold text-slate-900" data-testid="image-name">{i.name.clone()}</h1>
                        <div class="flex gap-3 text-sm">
                            {(i.status == "active").then(|| view! {
                                <A href=format!("/project/instances/launch?image={}", i.id) attr:class=BUTTON>{move_tr!("images-launch")}</A>
                                <a href=format!("/data/images/{}", i.id) class="rounded-md border border-slate-300 px-4 py-2" download="">{move_tr!("images-download")}</a>
                            })}
                            <A href="/project/images" attr:class="self-center text-sky-700 underline">{move_tr!("images-back")}</A>
                        </div>
                    </div>
                    <ImageEditor image=i.clone() saved on_saved=Callback::new(move |_| image.refetch())/>
                    <div class="mt-4">
                        <super::image_topology::ImageTopology image=i saved=topology_saved on_saved=Callback::new(move |_| image.refetch())/>
                    </div>
                }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn ImageEditor(image: ImageRow, saved: RwSignal<bool>, on_saved: Callback<()>) -> impl IntoView {
    let edit = RwSignal::new(ImageEdit {
        name: image.name.clone(),
        visibility: image.visibility.clone(),
        protected: image.protected,
        min_disk: image.min_disk.to_string(),
        min_ram: image.min_ram.to_string(),
        properties: image.properties.clone(),
    });
    let save = ServerAction::<UpdateImage>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            saved.set(true);
            on_saved.run(());
        }
    });
    let id = StoredValue::new(image.id.clone());
    let facts = [
        ("images-id", image.id.clone()),
        ("images-status", image.status.clone()),
        ("images-format", image.disk_format.clone()),
        (
            "images-size",
            image
                .size
                .map(crate::format::format_bytes)
                .unwrap_or_default(),
        ),
        ("images-owner", image.owner.clone()),
        ("instances-created", image.created.clone()),
    ];
    view! {
        <div class="grid gap-4 lg:grid-cols-2">
            <section class=CARD>
                <dl class="divide-y divide-slate-100 text-sm">
                    {facts.into_iter().map(|(k, v)| view! {
                        <div class="grid grid-cols-3 gap-2 py-1.5"><dt class="font-medium text-slate-600">{move || crate::i18n::tr_dynamic(k)}</dt><dd class="col-span-2 break-all">{v}</dd></div>
                    }).collect_view()}
                </dl>
            </section>
            <section class=CARD data-testid="image-editor">
                <h2 class="mb-3 font-semibold">{move_tr!("images-edit")}</h2>
                <div class="space-y-3 text-sm">
                    <div class="space-y-1">
                        <label for="edit-name" class="block font-medium">{move_tr!("images-name")}</label>
                        <input id="edit-name" type="text" class="block w-full rounded-md border border-slate-300 px-3 py-1.5" aria-describedby="edit-name-error"
                            prop:value=move || edit.with(|e| e.name.clone()) on:input=move |ev| edit.update(|e| e.name = event_target_value(&ev))/>
                        <p id="edit-name-error" role="alert" class="text-red-700">{field_message(error, "name")}</p>
                    </div>
                    <div class="space-y-1">
                        <label for="edit-visibility" class="block font-medium">{move_tr!("images-visibility")}</label>
                        <select id="edit-visibility" class=SELECT aria-describedby="edit-visibility-error" on:change=move |ev| edit.update(|e| e.visibility = event_target_value(&ev))>
                            {VISIBILITIES.into_iter().map(|v| view! {
                                <option value=v selected=move || edit.with(|e| e.visibility == v)>{move || crate::i18n::tr_dynamic(&format!("visibility-{v}"))}</option>
                            }).collect_view()}
                        </select>
                        <p id="edit-visibility-error" role="alert" class="text-red-700">{field_message(error, "visibility")}</p>
                    </div>
                    <label class="flex items-center gap-2">
                        <input type="checkbox" prop:checked=move || edit.with(|e| e.protected) on:change=move |ev| edit.update(|e| e.protected = event_target_checked(&ev))/>
                        {move_tr!("images-protected")}
                    </label>
                    <div class="grid grid-cols-2 gap-3">
                        <div class="space-y-1">
                            <label for="edit-min-disk" class="block font-medium">{move_tr!("images-field-min_disk")}</label>
                            <input id="edit-min-disk" type="text" inputmode="numeric" class="block w-full rounded-md border border-slate-300 px-3 py-1.5"
                                prop:value=move || edit.with(|e| e.min_disk.clone()) on:input=move |ev| edit.update(|e| e.min_disk = event_target_value(&ev))/>
                            <p role="alert" class="text-red-700">{field_message(error, "min_disk")}</p>
                        </div>
                        <div class="space-y-1">
                            <label for="edit-min-ram" class="block font-medium">{move_tr!("images-field-min_ram")}</label>
                            <input id="edit-min-ram" type="text" inputmode="numeric" class="block w-full rounded-md border border-slate-300 px-3 py-1.5"
                                prop:value=move || edit.with(|e| e.min_ram.clone()) on:input=move |ev| edit.update(|e| e.min_ram = event_target_value(&ev))/>
                            <p role="alert" class="text-red-700">{field_message(error, "min_ram")}</p>
                        </div>
                    </div>
                    <fieldset class="space-y-2">
                        <legend class="font-medium">{move_tr!("images-properties")}</legend>
                        {move || (0..edit.with(|e| e.properties.len())).map(|i| view! {
                            <div class="flex gap-2" data-testid="property-row">
                                <input type="text" class="w-1/3 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("launch-metadata-key")
                                    prop:value=move || edit.with(|e| e.properties.get(i).map(|p| p.0.clone()).unwrap_or_default())
                                    on:input=move |ev| edit.update(|e| if let Some(p) = e.properties.get_mut(i) { p.0 = event_target_value(&ev) })/>
                                <input type="text" class="flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("launch-metadata-value")
                                    prop:value=move || edit.with(|e| e.properties.get(i).map(|p| p.1.clone()).unwrap_or_default())
                                    on:input=move |ev| edit.update(|e| if let Some(p) = e.properties.get_mut(i) { p.1 = event_target_value(&ev) })/>
                                <button type="button" class="text-red-800 underline" on:click=move |_| edit.update(|e| { if i < e.properties.len() { e.properties.remove(i); } })>
                                    {move_tr!("common-remove")}
                                </button>
                            </div>
                        }).collect_view()}
                        <button type="button" class="rounded-md border border-slate-300 px-3 py-1" data-testid="property-add"
                            on:click=move |_| edit.update(|e| e.properties.push((String::new(), String::new())))>
                            {move_tr!("images-property-add")}
                        </button>
                        <p role="alert" class="text-red-700">{field_message(error, "properties")}</p>
                    </fieldset>
                    <ErrorBanner error=Signal::derive(move || error.get().filter(|e| !matches!(e, AppError::InvalidInput { .. })))/>
                    {move || saved.get().then(|| view! {
                        <p role="status" class="text-green-800" data-testid="image-saved">{move_tr!("images-saved")}</p>
                    })}
                    <button type="button" class=BUTTON data-testid="image-save" disabled=move || save.pending().get()
                        on:click=move |_| {
                            saved.set(false);
                            save.dispatch(UpdateImage { id: id.get_value(), edit: edit.get_untracked() });
                        }>
                        {move_tr!("images-save")}
                    </button>
                </div>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_images_are_checked_at_their_fields() {
        let ok = NewImage {
            name: "cirros".into(),
            disk_format: "qcow2".into(),
            visibility: "private".into(),
            min_disk: "1".into(),
            min_ram: "".into(),
        };
        assert!(check_new_image(&ok).is_ok());
        let bad = NewImage {
            min_disk: "lots".into(),
            ..ok.clone()
        };
        assert_eq!(
            check_new_image(&bad),
            Err(AppError::invalid("min_disk", "images-size-invalid"))
        );
        let bad = NewImage {
            name: " ".into(),
            ..ok
        };
        assert_eq!(
            check_new_image(&bad),
            Err(AppError::invalid("name", "images-name-required"))
        );
    }

    #[test]
    fn disk_formats_are_guessed_from_the_file_name() {
        assert_eq!(
            format_from_file_name("cirros-0.6.2-x86_64-disk.img"),
            "qcow2"
        );
        assert_eq!(format_from_file_name("debian.ISO"), "iso");
        assert_eq!(format_from_file_name("blob.bin"), "raw");
    }
}
