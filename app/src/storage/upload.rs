//! Uploads of many files at once, picked or dropped, each streamed by the
//! browser to `/data/objects/…` with its own progress bar and Cancel. At
//! most [`PARALLEL`] run at a time; the rest wait their turn.

use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::format::format_bytes;
use crate::i18n::tr_dynamic_args;
use crate::ui::error_text;

/// Uploads in flight at once.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const PARALLEL: usize = 3;

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum UploadState {
    Waiting,
    Sending,
    Done,
    Cancelled,
    Failed(AppError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct UploadItem {
    pub id: usize,
    /// The object name it goes to (the folder's prefix plus the file name).
    pub name: String,
    pub sent: f64,
    pub total: f64,
    pub state: UploadState,
}

/// The browser-side state: files waiting and requests running, by id.
#[cfg(feature = "hydrate")]
#[derive(Default)]
struct Transfers {
    queue: Vec<(usize, String, String, web_sys::File)>,
    running: std::collections::HashMap<usize, web_sys::XmlHttpRequest>,
}

#[component]
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
pub fn UploadPanel(
    #[prop(into)] container: Signal<String>,
    #[prop(into)] prefix: Signal<String>,
    on_uploaded: Callback<()>,
) -> impl IntoView {
    let items = RwSignal::new(Vec::<UploadItem>::new());
    let dragging = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    let transfers: StoredValue<Transfers, LocalStorage> =
        StoredValue::new_local(Transfers::default());

    #[cfg(feature = "hydrate")]
    let add_files = move |files: web_sys::FileList| {
        let (c, p) = (container.get_untracked(), prefix.get_untracked());
        let mut next = items.with_untracked(|i| i.iter().map(|x| x.id + 1).max().unwrap_or(0));
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            let name = format!("{p}{}", file.name());
            items.update(|list| {
                list.push(UploadItem {
                    id: next,
                    name: name.clone(),
                    sent: 0.0,
                    total: file.size(),
                    state: UploadState::Waiting,
                })
            });
            transfers.update_value(|t| t.queue.push((next, c.clone(), name, file)));
            next += 1;
        }
        pump(transfers, items, on_uploaded);
    };

    let on_pick = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let input = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(input) = input {
                if let Some(files) = input.files() {
                    add_files(files);
                }
                // The same file can be picked again later.
                input.set_value("");
            }
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        #[cfg(feature = "hydrate")]
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            add_files(files);
        }
    };
    let cancel = move |id: usize| {
        #[cfg(feature = "hydrate")]
        transfers.update_value(|t| {
            t.queue.retain(|(i, ..)| *i != id);
            if let Some(x) = t.running.remove(&id) {
                let _ = x.abort();
            }
        });
        items.update(|list| {
            if let Some(item) = list.iter_mut().find(|x| x.id == id) {
                if matches!(item.state, UploadState::Waiting | UploadState::Sending) {
                    item.state = UploadState::Cancelled;
                }
            }
        });
        #[cfg(feature = "hydrate")]
        pump(transfers, items, on_uploaded);
    };
    let clear_finished = move |_| {
        items.update(|list| {
            list.retain(|x| matches!(x.state, UploadState::Waiting | UploadState::Sending))
        })
    };

    view! {
        <section class="mb-4" aria-labelledby="upload-title">
            <h2 id="upload-title" class="sr-only">{move_tr!("objects-upload")}</h2>
            <div
                class="flex flex-wrap items-center gap-3 rounded-lg border-2 border-dashed border-slate-300 bg-white p-4 text-sm"
                class:border-sky-600=move || dragging.get()
                class:bg-sky-50=move || dragging.get()
                data-testid="drop-zone"
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="upload-files" class="cursor-pointer rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-800 focus-within:ring-2 focus-within:ring-sky-600">
                    {move_tr!("objects-upload")}
                </label>
                <input id="upload-files" type="file" multiple class="sr-only" data-testid="upload-input" on:change=on_pick/>
                <span class="text-slate-600">{move_tr!("objects-drop-here")}</span>
            </div>
            {move || (!items.with(|i| i.is_empty())).then(|| view! {
                <ul class="mt-3 space-y-2" data-testid="upload-list" aria-live="polite">
                    {move || items.get().into_iter().map(|item| upload_row(item, cancel)).collect_view()}
                </ul>
                <button type="button" class="mt-2 text-sm text-sky-700 underline" on:click=clear_finished>
                    {move_tr!("objects-upload-clear")}
                </button>
            })}
        </section>
    }
}

fn upload_row(item: UploadItem, cancel: impl Fn(usize) + Copy + 'static) -> impl IntoView {
    let id = item.id;
    let pct = if item.total > 0.0 {
        (item.sent / item.total * 100.0).round() as u32
    } else {
        100
    };
    let (sent, total) = (item.sent as u64, item.total as u64);
    let status = match &item.state {
        UploadState::Waiting => crate::i18n::tr_dynamic("objects-upload-waiting"),
        UploadState::Sending => tr_dynamic_args(
            "objects-upload-sending",
            &[("sent", format_bytes(sent)), ("total", format_bytes(total))],
        ),
        UploadState::Done => crate::i18n::tr_dynamic("objects-upload-done"),
        UploadState::Cancelled => crate::i18n::tr_dynamic("objects-upload-cancelled"),
        UploadState::Failed(e) => error_text(e),
    };
    let state = match item.state {
        UploadState::Waiting => "waiting",
        UploadState::Sending => "sending",
        UploadState::Done => "done",
        UploadState::Cancelled => "cancelled",
        UploadState::Failed(_) => "failed",
    };
    let active = matches!(state, "waiting" | "sending");
    let failed = state == "failed";
    view! {
        <li class="flex flex-wrap items-center gap-3 text-sm" data-testid="upload-item" data-state=state data-name=item.name.clone()>
            <span class="min-w-0 max-w-md truncate font-medium" title=item.name.clone()>{item.name.clone()}</span>
            <progress class="w-48" max="100" value=pct.to_string() aria-label=item.name.clone()></progress>
            <span class:text-red-800=failed role=if failed { "alert" } else { "status" }>{status}</span>
            {active.then(|| view! {
                <button type="button" class="text-red-800 underline" data-testid="upload-cancel"
                    on:click=move |_| cancel(id)>{move_tr!("common-cancel")}</button>
            })}
        </li>
    }
}

#[cfg(feature = "hydrate")]
fn set_state(items: RwSignal<Vec<UploadItem>>, id: usize, f: impl FnOnce(&mut UploadItem)) {
    items.update(|list| {
        if let Some(item) = list.iter_mut().find(|x| x.id == id) {
            f(item);
        }
    });
}

/// Starts waiting uploads while fewer than [`PARALLEL`] run.
#[cfg(feature = "hydrate")]
fn pump(
    transfers: StoredValue<Transfers, LocalStorage>,
    items: RwSignal<Vec<UploadItem>>,
    on_uploaded: Callback<()>,
) {
    loop {
        let next = transfers
            .try_update_value(|t| {
                if t.running.len() >= PARALLEL || t.queue.is_empty() {
                    None
                } else {
                    Some(t.queue.remove(0))
                }
            })
            .flatten();
        let Some((id, container, name, file)) = next else {
            return;
        };
        match start(id, &container, &name, &file, transfers, items, on_uploaded) {
            Ok(xhr) => {
                transfers.update_value(|t| {
                    t.running.insert(id, xhr);
                });
                set_state(items, id, |i| i.state = UploadState::Sending);
            }
            Err(e) => set_state(items, id, |i| i.state = UploadState::Failed(e)),
        }
    }
}

/// One file's PUT with XMLHttpRequest, whose upload events drive the
/// progress bar (fetch reports none for request bodies).
#[cfg(feature = "hydrate")]
fn start(
    id: usize,
    container: &str,
    name: &str,
    file: &web_sys::File,
    transfers: StoredValue<Transfers, LocalStorage>,
    items: RwSignal<Vec<UploadItem>>,
    on_uploaded: Callback<()>,
) -> Result<web_sys::XmlHttpRequest, AppError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let internal = |what: &str| AppError::Internal(what.to_owned());
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| internal("XMLHttpRequest"))?;
    xhr.open("PUT", &super::data_href(container, name))
        .map_err(|_| internal("open"))?;
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                set_state(items, id, |i| {
                    i.sent = e.loaded();
                    i.total = e.total();
                });
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    on_progress.forget();
    let finished = move |state: UploadState| {
        transfers.update_value(|t| {
            t.running.remove(&id);
        });
        let done = state == UploadState::Done;
        set_state(items, id, |i| {
            // A cancelled upload stays cancelled whatever the request says.
            if i.state != UploadState::Cancelled {
                if done {
                    i.sent = i.total;
                }
                i.state = state;
            }
        });
        if done {
            on_uploaded.run(());
        }
        pump(transfers, items, on_uploaded);
    };
    let done_xhr = xhr.clone();
    let on_load = Closure::<dyn FnMut()>::new(move || {
        let status = done_xhr.status().unwrap_or(0);
        if (200..300).contains(&status) {
            finished(UploadState::Done);
        } else {
            let body = done_xhr.response_text().ok().flatten().unwrap_or_default();
            let error = AppError::from_data_body(status, body);
            finished(UploadState::Failed(error));
        }
    });
    xhr.set_onload(Some(on_load.as_ref().unchecked_ref()));
    on_load.forget();
    let on_error = Closure::<dyn FnMut()>::new(move || {
        finished(UploadState::Failed(AppError::Unreachable {
            service: "zenith".into(),
        }));
    });
    xhr.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| internal("send"))?;
    Ok(xhr)
}
