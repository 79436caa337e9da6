//! Project → Compute → Launch instance: a wizard that checks each step as
//! the user goes and shows a summary before anything is created.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::{Deserialize, Serialize};

use super::keypair::KeypairForms;
use crate::error::AppError;
use crate::i18n::{tr_dynamic, tr_dynamic_args};
use crate::ui::{error_text, ErrorBanner, Loading, PageHeader, BUTTON, SELECT, TABLE, TD, TH};

/// Nova's cap on `user_data`: 65535 bytes once base64-encoded.
pub const MAX_USER_DATA: usize = 65535 / 4 * 3;
/// More than this at once is almost always a typo.
pub const MAX_COUNT: u32 = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageChoice {
    pub id: String,
    pub name: String,
    pub snapshot: bool,
    pub min_disk: u64,
    pub min_ram: u64,
    pub size: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorChoice {
    pub id: String,
    pub name: String,
    pub vcpus: u64,
    pub ram: u64,
    pub disk: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkChoice {
    pub id: String,
    pub name: String,
    pub shared: bool,
    pub cidrs: Vec<String>,
}

/// What is left of the project's compute quota; `None` is unlimited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaLeft {
    pub instances: Option<i64>,
    pub cores: Option<i64>,
    pub ram: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaunchChoices {
    pub zones: Vec<String>,
    pub images: Vec<ImageChoice>,
    pub flavors: Vec<FlavorChoice>,
    pub quota: QuotaLeft,
    /// `None` when the cloud has no networking service.
    pub networks: Option<Vec<NetworkChoice>>,
    pub security_groups: Option<Vec<String>>,
    pub keypairs: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LaunchRequest {
    pub name: String,
    pub count: u32,
    pub availability_zone: String,
    pub image_id: String,
    pub flavor_id: String,
    pub networks: Vec<String>,
    pub security_groups: Vec<String>,
    pub key_name: String,
    pub user_data: String,
    pub metadata: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Details,
    Source,
    Flavor,
    Networks,
    SecurityGroups,
    KeyPair,
    Configuration,
    Summary,
}

pub const STEPS: [Step; 8] = [
    Step::Details,
    Step::Source,
    Step::Flavor,
    Step::Networks,
    Step::SecurityGroups,
    Step::KeyPair,
    Step::Configuration,
    Step::Summary,
];

impl Step {
    fn key(self) -> &'static str {
        match self {
            Step::Details => "launch-step-details",
            Step::Source => "launch-step-source",
            Step::Flavor => "launch-step-flavor",
            Step::Networks => "launch-step-networks",
            Step::SecurityGroups => "launch-step-security-groups",
            Step::KeyPair => "launch-step-keypair",
            Step::Configuration => "launch-step-configuration",
            Step::Summary => "launch-step-summary",
        }
    }

    /// The step whose form has `field`, to go back to on a server error.
    fn of_field(field: &str) -> Step {
        match field {
            "name" | "count" | "availability_zone" => Step::Details,
            "image" => Step::Source,
            "flavor" => Step::Flavor,
            "networks" => Step::Networks,
            "security_groups" => Step::SecurityGroups,
            "key_name" => Step::KeyPair,
            _ => Step::Configuration,
        }
    }
}

/// Why a flavor cannot be chosen, as a Fluent id; `None` if it can.
pub fn flavor_refusal(
    flavor: &FlavorChoice,
    image: Option<&ImageChoice>,
    quota: &QuotaLeft,
    count: u32,
) -> Option<&'static str> {
    let n = i64::from(count.max(1));
    if let Some(image) = image {
        if flavor.ram < image.min_ram {
            return Some("launch-flavor-ram-too-small");
        }
        // A flavor with a 0 GiB root disk takes the image's size.
        if flavor.disk > 0 && flavor.disk < image.min_disk {
            return Some("launch-flavor-disk-too-small");
        }
    }
    let over = |left: Option<i64>, each: u64| left.is_some_and(|l| each as i64 * n > l);
    if over(quota.cores, flavor.vcpus) {
        return Some("launch-flavor-over-cores");
    }
    if over(quota.ram, flavor.ram) {
        return Some("launch-flavor-over-ram");
    }
    None
}

/// Checks one step of the request; the first problem, at its field.
pub fn check_step(step: Step, req: &LaunchRequest, opts: &LaunchChoices) -> Result<(), AppError> {
    match step {
        Step::Details => {
            if req.name.trim().is_empty() {
                return Err(AppError::invalid("name", "launch-name-required"));
            }
            if req.name.chars().count() > 255 {
                return Err(AppError::invalid("name", "launch-name-too-long"));
            }
            if req.count == 0 || req.count > MAX_COUNT {
                return Err(AppError::invalid("count", "launch-count-invalid"));
            }
            if !req.availability_zone.is_empty() && !opts.zones.contains(&req.availability_zone) {
                return Err(AppError::invalid(
                    "availability_zone",
                    "launch-zone-invalid",
                ));
            }
        }
        Step::Source => {
            if !opts.images.iter().any(|i| i.id == req.image_id) {
                return Err(AppError::invalid("image", "launch-image-required"));
            }
        }
        Step::Flavor => {
            let flavor = opts
                .flavors
                .iter()
                .find(|f| f.id == req.flavor_id)
                .ok_or_else(|| AppError::invalid("flavor", "launch-flavor-required"))?;
            let image = opts.images.iter().find(|i| i.id == req.image_id);
            if let Some(reason) = flavor_refusal(flavor, image, &QuotaLeft::default(), req.count) {
                return Err(AppError::invalid("flavor", reason));
            }
        }
        Step::Networks => {
            if let Some(networks) = &opts.networks {
                if !networks.is_empty() && req.networks.is_empty() {
                    return Err(AppError::invalid("networks", "launch-network-required"));
                }
                if req
                    .networks
                    .iter()
                    .any(|n| !networks.iter().any(|o| &o.id == n))
                {
                    return Err(AppError::invalid("networks", "launch-network-required"));
                }
            }
        }
        Step::SecurityGroups => {
            if let Some(groups) = &opts.security_groups {
                if req.security_groups.iter().any(|g| !groups.contains(g)) {
                    return Err(AppError::invalid(
                        "security_groups",
                        "launch-security-group-unknown",
                    ));
                }
            }
        }
        Step::KeyPair => {
            if !req.key_name.is_empty() && !opts.keypairs.contains(&req.key_name) {
                return Err(AppError::invalid("key_name", "launch-keypair-unknown"));
            }
        }
        Step::Configuration => {
            if req.user_data.len() > MAX_USER_DATA {
                return Err(AppError::invalid("user_data", "launch-user-data-too-big"));
            }
            for (k, _) in &req.metadata {
                if k.trim().is_empty() || k.len() > 255 {
                    return Err(AppError::invalid("metadata", "launch-metadata-key-invalid"));
                }
            }
            let mut keys: Vec<&str> = req.metadata.iter().map(|(k, _)| k.trim()).collect();
            keys.sort_unstable();
            if keys.windows(2).any(|w| w[0] == w[1]) {
                return Err(AppError::invalid("metadata", "launch-metadata-key-twice"));
            }
            if req.metadata.iter().any(|(_, v)| v.len() > 255) {
                return Err(AppError::invalid(
                    "metadata",
                    "launch-metadata-value-too-long",
                ));
            }
        }
        Step::Summary => {}
    }
    Ok(())
}

#[server(endpoint = "launch_options")]
pub async fn launch_options() -> Result<LaunchChoices, AppError> {
    use openstack::compute;
    use openstack::image::{list_images, ImageFilter};
    let (_, api) = crate::ssr::session::require().await?;
    let active = ImageFilter {
        status: Some("active".into()),
        limit: Some(200),
        ..Default::default()
    };
    let (zones, images, flavors, limits, keypairs, network) = tokio::join!(
        compute::list_availability_zones(&api),
        list_images(&api, &active),
        compute::list_flavors(&api),
        compute::get_limits(&api),
        compute::list_keypairs(&api),
        super::network::launch_networks(&api),
    );
    let limits = limits?;
    let left = |max: i64, used: i64| (max >= 0).then_some(max - used);
    let (networks, security_groups) = network?;
    let mut flavors: Vec<FlavorChoice> = flavors?
        .into_iter()
        .map(|f| FlavorChoice {
            id: f.id,
            name: f.name,
            vcpus: f.vcpus,
            ram: f.ram,
            disk: f.disk,
        })
        .collect();
    flavors.sort_by_key(|f| (f.vcpus, f.ram, f.disk));
    Ok(LaunchChoices {
        zones: zones
            .unwrap_or_default()
            .into_iter()
            .filter(|z| z.zone_state.available)
            .map(|z| z.zone_name)
            .collect(),
        images: images?
            .into_iter()
            .map(|i| ImageChoice {
                snapshot: i.properties.get("image_type").and_then(|v| v.as_str())
                    == Some("snapshot"),
                name: i.name.clone().unwrap_or_else(|| i.id.clone()),
                id: i.id,
                min_disk: i.min_disk,
                min_ram: i.min_ram,
                size: i.size,
            })
            .collect(),
        flavors,
        quota: QuotaLeft {
            instances: left(limits.max_total_instances, limits.total_instances_used),
            cores: left(limits.max_total_cores, limits.total_cores_used),
            ram: left(limits.max_total_ram_size, limits.total_ram_used),
        },
        networks,
        security_groups,
        keypairs: keypairs?.into_iter().map(|k| k.name).collect(),
    })
}

/// Checks every step again, then asks Nova. Nova's own refusals (quota,
/// scheduling) come back with Nova's message.
#[server(endpoint = "launch_instance", input = leptos::server_fn::codec::Json)]
pub async fn launch_instance(request: LaunchRequest) -> Result<String, AppError> {
    use openstack::compute::{self, NetworkRef, Networks, ServerCreate};
    let options = launch_options().await?;
    for step in STEPS {
        check_step(step, &request, &options)?;
    }
    let (_, api) = crate::ssr::session::require().await?;
    let networks = match &options.networks {
        None => Networks::None,
        Some(_) if request.networks.is_empty() => Networks::None,
        Some(_) => Networks::List(request.networks.iter().map(NetworkRef::network).collect()),
    };
    let create = ServerCreate {
        name: request.name.trim().to_string(),
        flavor_ref: request.flavor_id.clone(),
        image_ref: Some(request.image_id.clone()),
        key_name: Some(request.key_name.clone()).filter(|k| !k.is_empty()),
        availability_zone: Some(request.availability_zone.clone()).filter(|z| !z.is_empty()),
        networks,
        security_groups: if options.security_groups.is_some() {
            request.security_groups.clone()
        } else {
            Vec::new()
        },
        user_data: Some(request.user_data.clone().into_bytes()).filter(|d| !d.is_empty()),
        metadata: request
            .metadata
            .iter()
            .map(|(k, v)| (k.trim().to_string(), v.clone()))
            .collect(),
        min_count: Some(request.count),
        max_count: Some(request.count),
        ..Default::default()
    };
    match compute::create_server(&api, &create).await {
        Ok(created) => Ok(created.id),
        // Keep Nova's words for quota and other refusals.
        Err(openstack::Error::Forbidden { message }) => Err(AppError::Cloud {
            status: 403,
            message,
        }),
        Err(e) => Err(e.into()),
    }
}

/// A field's message, when the error is about it.
fn field_error(
    error: RwSignal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> {
    move || match error.get() {
        Some(e @ AppError::InvalidInput { .. }) if matches!(&e, AppError::InvalidInput { field: f, .. } if f == field) => {
            Some(error_text(&e))
        }
        _ => None,
    }
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600 aria-[invalid=true]:border-red-500";

#[component]
pub fn LaunchPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| launch_options());
    view! {
        <PageHeader title=move_tr!("launch-title") description=move_tr!("launch-description")/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match options.await {
                    Ok(opts) => view! { <Wizard opts on_keypairs=Callback::new(move |_| options.refetch())/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=Signal::derive(move || Some(e.clone()))/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Wizard(opts: LaunchChoices, on_keypairs: Callback<()>) -> impl IntoView {
    let query = use_query_map();
    let opts = StoredValue::new(opts);
    // A launch from the Images page comes with its image chosen.
    let preset_image = query.read_untracked().get("image").unwrap_or_default();
    let single_network = opts.with_value(|o| match &o.networks {
        Some(n) if n.len() == 1 => vec![n[0].id.clone()],
        _ => Vec::new(),
    });
    let default_group = opts.with_value(|o| match &o.security_groups {
        Some(g) if g.iter().any(|g| g == "default") => vec!["default".to_string()],
        _ => Vec::new(),
    });
    let req = RwSignal::new(LaunchRequest {
        count: 1,
        image_id: preset_image,
        networks: single_network,
        security_groups: default_group,
        ..Default::default()
    });
    let step = RwSignal::new(Step::Details);
    // The furthest step reached with every step before it valid.
    let reached = RwSignal::new(0usize);
    let error = RwSignal::new(None::<AppError>);
    let launch = ServerAction::<LaunchInstance>::new();
    let navigate = use_navigate();

    Effect::new(move |_| match launch.value().get() {
        Some(Ok(_)) => navigate("/project/instances", Default::default()),
        Some(Err(e)) => {
            if let AppError::InvalidInput { field, .. } = &e {
                step.set(Step::of_field(field));
            }
            error.set(Some(e));
        }
        None => {}
    });

    let index = move || STEPS.iter().position(|s| *s == step.get()).unwrap_or(0);
    let go_next = move |_| {
        let current = step.get_untracked();
        let checked = req.with_untracked(|r| opts.with_value(|o| check_step(current, r, o)));
        match checked {
            Ok(()) => {
                error.set(None);
                let i = index() + 1;
                reached.update(|r| *r = (*r).max(i));
                step.set(STEPS[i.min(STEPS.len() - 1)]);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    let go_back = move |_| {
        error.set(None);
        step.set(STEPS[index().saturating_sub(1)]);
    };
    let submit = move |_| {
        let all = req.with_untracked(|r| {
            opts.with_value(|o| STEPS.iter().try_for_each(|s| check_step(*s, r, o)))
        });
        match all {
            Ok(()) => {
                error.set(None);
                launch.dispatch(LaunchInstance {
                    request: req.get_untracked(),
                });
            }
            Err(e) => {
                if let AppError::InvalidInput { field, .. } = &e {
                    step.set(Step::of_field(field));
                }
                error.set(Some(e));
            }
        }
    };
    // Errors that belong to no field: Nova's refusals, the network.
    let banner = Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::InvalidInput { .. }))
    });

    view! {
        <div class="grid gap-6 md:grid-cols-[14rem_1fr]" data-testid="launch-wizard">
            <nav aria-label=move_tr!("launch-steps")>
                <ol class="space-y-1 text-sm">
                    {STEPS.into_iter().enumerate().map(|(i, s)| view! {
                        <li>
                            <button type="button" data-testid=format!("step-{}", s.key())
                                class=move || if step.get() == s { "w-full rounded-md bg-sky-100 px-3 py-2 text-left font-medium text-sky-900" } else { "w-full rounded-md px-3 py-2 text-left text-slate-700 hover:bg-slate-100 disabled:text-slate-400" }
                                aria-current=move || (step.get() == s).then_some("step")
                                disabled=move || { i > reached.get() }
                                on:click=move |_| { error.set(None); step.set(s) }>
                                {format!("{}. ", i + 1)}{move || tr_dynamic(s.key())}
                            </button>
                        </li>
                    }).collect_view()}
                </ol>
            </nav>
            <section class="rounded-lg border border-slate-200 bg-white p-5">
                <h2 class="mb-4 text-lg font-semibold" data-testid="step-title">{move || tr_dynamic(step.get().key())}</h2>
                <ErrorBanner error=banner/>
                {move || match step.get() {
                    Step::Details => details_step(req, error, opts).into_any(),
                    Step::Source => source_step(req, error, opts).into_any(),
                    Step::Flavor => flavor_step(req, error, opts).into_any(),
                    Step::Networks => networks_step(req, error, opts).into_any(),
                    Step::SecurityGroups => groups_step(req, error, opts).into_any(),
                    Step::KeyPair => keypair_step(req, error, opts, on_keypairs).into_any(),
                    Step::Configuration => config_step(req, error).into_any(),
                    Step::Summary => summary_step(req, opts).into_any(),
                }}
                <div class="mt-6 flex gap-2">
                    <button type="button" class="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm disabled:opacity-50"
                        disabled=move || { index() == 0 } on:click=go_back data-testid="wizard-back">
                        {move_tr!("common-previous")}
                    </button>
                    {move || if step.get() == Step::Summary {
                        view! {
                            <button type="button" class=BUTTON data-testid="wizard-launch" disabled=move || launch.pending().get() on:click=submit>
                                {move_tr!("launch-submit")}
                            </button>
                        }.into_any()
                    } else {
                        view! {
                            <button type="button" class=BUTTON data-testid="wizard-next" on:click=go_next>{move_tr!("common-next")}</button>
                        }.into_any()
                    }}
                </div>
            </section>
        </div>
    }
}

fn details_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
) -> impl IntoView {
    let zones = opts.with_value(|o| o.zones.clone());
    let instances_left = opts.with_value(|o| o.quota.instances);
    view! {
        <div class="max-w-md space-y-4">
            <div class="space-y-1">
                <label for="launch-name" class="block text-sm font-medium">{move_tr!("launch-name")}</label>
                <input id="launch-name" type="text" class=INPUT aria-describedby="launch-name-error"
                    aria-invalid=move || field_error(error, "name")().is_some().to_string()
                    prop:value=move || req.with(|r| r.name.clone())
                    on:input=move |ev| req.update(|r| r.name = event_target_value(&ev))/>
                <p id="launch-name-error" role="alert" class="text-sm text-red-700">{field_error(error, "name")}</p>
            </div>
            <div class="space-y-1">
                <label for="launch-count" class="block text-sm font-medium">{move_tr!("launch-count")}</label>
                <input id="launch-count" type="number" min="1" max=MAX_COUNT class=INPUT aria-describedby="launch-count-error launch-count-hint"
                    prop:value=move || req.with(|r| r.count.to_string())
                    on:input=move |ev| req.update(|r| r.count = event_target_value(&ev).trim().parse().unwrap_or(0))/>
                <p id="launch-count-hint" class="text-sm text-slate-600">
                    {move || instances_left.map(|n| tr_dynamic_args("launch-instances-left", &[("count", n.max(0).to_string())]))}
                </p>
                <p id="launch-count-error" role="alert" class="text-sm text-red-700">{field_error(error, "count")}</p>
            </div>
            <div class="space-y-1">
                <label for="launch-zone" class="block text-sm font-medium">{move_tr!("instances-availability-zone")}</label>
                <select id="launch-zone" class=SELECT aria-describedby="launch-zone-error"
                    on:change=move |ev| req.update(|r| r.availability_zone = event_target_value(&ev))>
                    <option value="">{move_tr!("launch-any-zone")}</option>
                    {zones.into_iter().map(|z| {
                        let (v, value) = (z.clone(), z.clone());
                        view! { <option value=value selected=move || req.with(|r| r.availability_zone == v)>{z}</option> }
                    }).collect_view()}
                </select>
                <p id="launch-zone-error" role="alert" class="text-sm text-red-700">{field_error(error, "availability_zone")}</p>
            </div>
        </div>
    }
}

fn source_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
) -> impl IntoView {
    let images = opts.with_value(|o| o.images.clone());
    let group = |snapshot: bool| {
        let list: Vec<ImageChoice> = images
            .iter()
            .filter(|i| i.snapshot == snapshot)
            .cloned()
            .collect();
        (!list.is_empty()).then(|| view! {
            <fieldset class="mb-4">
                <legend class="mb-2 text-sm font-medium">{move || tr_dynamic(if snapshot { "launch-snapshots" } else { "launch-images" })}</legend>
                <div class="space-y-1">
                    {list.into_iter().map(|i| {
                        let id = i.id.clone();
                        let checked_id = i.id.clone();
                        view! {
                            <label class="flex items-center gap-2 text-sm">
                                <input type="radio" name="launch-image" value=i.id.clone()
                                    prop:checked=move || req.with(|r| r.image_id == checked_id)
                                    on:change=move |_| req.update(|r| r.image_id = id.clone())/>
                                <span class="font-medium">{i.name}</span>
                                <span class="text-slate-500">{tr_dynamic_args("launch-image-needs", &[("disk", i.min_disk.to_string()), ("ram", i.min_ram.to_string())])}</span>
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        })
    };
    view! {
        <div aria-describedby="launch-image-error">
            {group(false)}
            {group(true)}
            {images.is_empty().then(|| view! { <p class="text-sm text-slate-600">{move_tr!("launch-no-images")}</p> })}
            <p id="launch-image-error" role="alert" class="text-sm text-red-700">{field_error(error, "image")}</p>
        </div>
    }
}

fn flavor_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
) -> impl IntoView {
    let (flavors, quota) = opts.with_value(|o| (o.flavors.clone(), o.quota.clone()));
    let image = move || {
        let id = req.with(|r| r.image_id.clone());
        opts.with_value(|o| o.images.iter().find(|i| i.id == id).cloned())
    };
    view! {
        <table class=TABLE data-testid="flavor-table" aria-describedby="launch-flavor-error">
            <thead><tr>
                <th class=TH></th>
                <th class=TH>{move_tr!("launch-flavor-name")}</th>
                <th class=TH>{move_tr!("launch-flavor-vcpus")}</th>
                <th class=TH>{move_tr!("launch-flavor-ram")}</th>
                <th class=TH>{move_tr!("launch-flavor-disk")}</th>
                <th class=TH>{move_tr!("launch-flavor-note")}</th>
            </tr></thead>
            <tbody class="divide-y divide-slate-100">
                {flavors.into_iter().map(|f| {
                    let quota = quota.clone();
                    let flavor = f.clone();
                    let refusal = Memo::new(move |_| {
                        let count = req.with(|r| r.count);
                        flavor_refusal(&flavor, image().as_ref(), &quota, count)
                    });
                    let (id, checked_id, label_id) = (f.id.clone(), f.id.clone(), format!("flavor-{}", f.id));
                    view! {
                        <tr data-testid="flavor-row" class:opacity-60=move || refusal.get().is_some()>
                            <td class=TD>
                                <input type="radio" name="launch-flavor" id=label_id.clone() value=f.id.clone()
                                    disabled=move || refusal.get().is_some()
                                    prop:checked=move || req.with(|r| r.flavor_id == checked_id)
                                    on:change=move |_| req.update(|r| r.flavor_id = id.clone())/>
                            </td>
                            <td class=format!("{TD} font-medium")><label for=label_id>{f.name}</label></td>
                            <td class=TD>{f.vcpus}</td>
                            <td class=TD>{f.ram}" MiB"</td>
                            <td class=TD>{f.disk}" GiB"</td>
                            <td class=format!("{TD} text-amber-800") data-testid="flavor-refusal">{move || refusal.get().map(tr_dynamic)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p id="launch-flavor-error" role="alert" class="mt-2 text-sm text-red-700">{field_error(error, "flavor")}</p>
    }
}

fn networks_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
) -> impl IntoView {
    let networks = opts.with_value(|o| o.networks.clone());
    match networks {
        None => view! { <p class="text-sm text-slate-700" data-testid="no-neutron">{move_tr!("launch-no-neutron")}</p> }.into_any(),
        Some(list) if list.is_empty() => view! { <p class="text-sm text-slate-700">{move_tr!("launch-no-networks")}</p> }.into_any(),
        Some(list) => view! {
            <fieldset aria-describedby="launch-networks-error">
                <legend class="mb-2 text-sm">{move_tr!("launch-networks-help")}</legend>
                {list.into_iter().map(|n| {
                    let (id, checked_id) = (n.id.clone(), n.id.clone());
                    view! {
                        <label class="flex items-center gap-2 py-1 text-sm">
                            <input type="checkbox" value=n.id.clone()
                                prop:checked=move || req.with(|r| r.networks.contains(&checked_id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    req.update(|r| {
                                        r.networks.retain(|x| x != &id);
                                        if on { r.networks.push(id.clone()); }
                                    });
                                }/>
                            <span class="font-medium">{n.name}</span>
                            <span class="text-slate-500">{n.cidrs.join(", ")}</span>
                            {n.shared.then(|| view! { <span class="rounded bg-slate-100 px-1.5 text-xs">{move_tr!("launch-network-shared")}</span> })}
                        </label>
                    }
                }).collect_view()}
                <p id="launch-networks-error" role="alert" class="text-sm text-red-700">{field_error(error, "networks")}</p>
            </fieldset>
        }.into_any(),
    }
}

fn groups_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
) -> impl IntoView {
    match opts.with_value(|o| o.security_groups.clone()) {
        None => view! { <p class="text-sm text-slate-700">{move_tr!("launch-no-security-groups")}</p> }.into_any(),
        Some(groups) => view! {
            <fieldset aria-describedby="launch-groups-error">
                <legend class="mb-2 text-sm">{move_tr!("launch-security-groups-help")}</legend>
                {groups.into_iter().map(|g| {
                    let (name, checked_name, value) = (g.clone(), g.clone(), g.clone());
                    view! {
                        <label class="flex items-center gap-2 py-1 text-sm">
                            <input type="checkbox" value=value
                                prop:checked=move || req.with(|r| r.security_groups.contains(&checked_name))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    req.update(|r| {
                                        r.security_groups.retain(|x| x != &name);
                                        if on { r.security_groups.push(name.clone()); }
                                    });
                                }/>
                            <span>{g}</span>
                        </label>
                    }
                }).collect_view()}
                <p id="launch-groups-error" role="alert" class="text-sm text-red-700">{field_error(error, "security_groups")}</p>
            </fieldset>
        }.into_any(),
    }
}

fn keypair_step(
    req: RwSignal<LaunchRequest>,
    error: RwSignal<Option<AppError>>,
    opts: StoredValue<LaunchChoices>,
    on_keypairs: Callback<()>,
) -> impl IntoView {
    let keypairs = opts.with_value(|o| o.keypairs.clone());
    view! {
        <div class="space-y-4">
            <div class="max-w-md space-y-1">
                <label for="launch-keypair" class="block text-sm font-medium">{move_tr!("instances-key-pair")}</label>
                <select id="launch-keypair" class=SELECT aria-describedby="launch-keypair-error"
                    on:change=move |ev| req.update(|r| r.key_name = event_target_value(&ev))>
                    <option value="">{move_tr!("launch-no-keypair")}</option>
                    {keypairs.into_iter().map(|k| {
                        let (v, value) = (k.clone(), k.clone());
                        view! { <option value=value selected=move || req.with(|r| r.key_name == v)>{k}</option> }
                    }).collect_view()}
                </select>
                <p id="launch-keypair-error" role="alert" class="text-sm text-red-700">{field_error(error, "key_name")}</p>
            </div>
            // A key made here is chosen at once; the options reload to list it.
            <KeypairForms on_saved=Callback::new(move |name: String| {
                opts.update_value(|o| if !o.keypairs.contains(&name) { o.keypairs.push(name.clone()) });
                req.update(|r| r.key_name = name);
                on_keypairs.run(());
            })/>
        </div>
    }
}

fn config_step(req: RwSignal<LaunchRequest>, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let bytes = move || req.with(|r| r.user_data.len());
    view! {
        <div class="space-y-5">
            <div class="space-y-1">
                <label for="launch-user-data" class="block text-sm font-medium">{move_tr!("launch-user-data")}</label>
                <textarea id="launch-user-data" rows="8" class=format!("{INPUT} font-mono text-xs") aria-describedby="launch-user-data-error launch-user-data-hint"
                    prop:value=move || req.with(|r| r.user_data.clone())
                    on:input=move |ev| req.update(|r| r.user_data = event_target_value(&ev))></textarea>
                <div class="flex items-center gap-3 text-sm">
                    <label for="launch-user-data-file">{move_tr!("launch-user-data-file")}</label>
                    <input id="launch-user-data-file" type="file" class="text-sm" on:change=move |ev| read_file_into(ev, req)/>
                </div>
                <p id="launch-user-data-hint" class="text-sm text-slate-600">
                    {move || tr_dynamic_args("launch-user-data-size", &[("bytes", bytes().to_string()), ("max", MAX_USER_DATA.to_string())])}
                </p>
                <p id="launch-user-data-error" role="alert" class="text-sm text-red-700">{field_error(error, "user_data")}</p>
            </div>
            <fieldset class="space-y-2" aria-describedby="launch-metadata-error">
                <legend class="text-sm font-medium">{move_tr!("instance-metadata")}</legend>
                {move || req.with(|r| r.metadata.len()).gt(&0).then(|| (0..req.with(|r| r.metadata.len())).map(|i| view! {
                    <div class="flex gap-2" data-testid="metadata-row">
                        <input type="text" class="rounded-md border border-slate-300 px-2 py-1 text-sm" aria-label=move_tr!("launch-metadata-key")
                            prop:value=move || req.with(|r| r.metadata.get(i).map(|m| m.0.clone()).unwrap_or_default())
                            on:input=move |ev| req.update(|r| if let Some(m) = r.metadata.get_mut(i) { m.0 = event_target_value(&ev) })/>
                        <input type="text" class="rounded-md border border-slate-300 px-2 py-1 text-sm" aria-label=move_tr!("launch-metadata-value")
                            prop:value=move || req.with(|r| r.metadata.get(i).map(|m| m.1.clone()).unwrap_or_default())
                            on:input=move |ev| req.update(|r| if let Some(m) = r.metadata.get_mut(i) { m.1 = event_target_value(&ev) })/>
                        <button type="button" class="text-sm text-red-800 underline" on:click=move |_| req.update(|r| { if i < r.metadata.len() { r.metadata.remove(i); } })>
                            {move_tr!("common-remove")}
                        </button>
                    </div>
                }).collect_view())}
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="metadata-add"
                    on:click=move |_| req.update(|r| r.metadata.push((String::new(), String::new())))>
                    {move_tr!("launch-metadata-add")}
                </button>
                <p id="launch-metadata-error" role="alert" class="text-sm text-red-700">{field_error(error, "metadata")}</p>
            </fieldset>
        </div>
    }
}

/// Reads a chosen file as text into the user data.
#[allow(unused_variables)]
fn read_file_into(ev: leptos::ev::Event, req: RwSignal<LaunchRequest>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    req.update(|r| r.user_data = text);
                }
            }
        });
    }
}

fn summary_step(req: RwSignal<LaunchRequest>, opts: StoredValue<LaunchChoices>) -> impl IntoView {
    let r = req.get_untracked();
    let (image, flavor, networks) = opts.with_value(|o| {
        (
            o.images
                .iter()
                .find(|i| i.id == r.image_id)
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            o.flavors
                .iter()
                .find(|f| f.id == r.flavor_id)
                .map(|f| {
                    format!(
                        "{} ({} vCPU, {} MiB, {} GiB)",
                        f.name, f.vcpus, f.ram, f.disk
                    )
                })
                .unwrap_or_default(),
            match &o.networks {
                None => tr_dynamic("launch-no-network"),
                Some(list) => list
                    .iter()
                    .filter(|n| r.networks.contains(&n.id))
                    .map(|n| n.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            },
        )
    });
    let row = |key: &'static str, value: String| {
        view! {
            <div class="grid grid-cols-3 gap-2 py-1.5">
                <dt class="font-medium text-slate-600">{move || tr_dynamic(key)}</dt>
                <dd class="col-span-2" data-testid=format!("summary-{key}")>{value}</dd>
            </div>
        }
    };
    view! {
        <dl class="divide-y divide-slate-100 text-sm" data-testid="launch-summary">
            {row("launch-name", r.name.clone())}
            {row("launch-count", r.count.to_string())}
            {row("instances-availability-zone", if r.availability_zone.is_empty() { tr_dynamic("launch-any-zone") } else { r.availability_zone.clone() })}
            {row("instances-image", image)}
            {row("instances-flavor", flavor)}
            {row("launch-step-networks", networks)}
            {row("instance-security-groups", r.security_groups.join(", "))}
            {row("instances-key-pair", if r.key_name.is_empty() { tr_dynamic("launch-no-keypair") } else { r.key_name.clone() })}
            {row("launch-user-data", tr_dynamic_args("launch-user-data-size", &[("bytes", r.user_data.len().to_string()), ("max", MAX_USER_DATA.to_string())]))}
            {row("instance-metadata", r.metadata.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(", "))}
        </dl>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LaunchChoices {
        LaunchChoices {
            zones: vec!["nova".into()],
            images: vec![ImageChoice {
                id: "img".into(),
                name: "cirros".into(),
                snapshot: false,
                min_disk: 2,
                min_ram: 256,
                size: None,
            }],
            flavors: vec![
                FlavorChoice {
                    id: "1".into(),
                    name: "m1.tiny".into(),
                    vcpus: 1,
                    ram: 512,
                    disk: 1,
                },
                FlavorChoice {
                    id: "2".into(),
                    name: "m1.small".into(),
                    vcpus: 1,
                    ram: 2048,
                    disk: 20,
                },
                FlavorChoice {
                    id: "5".into(),
                    name: "m1.xlarge".into(),
                    vcpus: 8,
                    ram: 16384,
                    disk: 160,
                },
            ],
            quota: QuotaLeft {
                instances: Some(10),
                cores: Some(4),
                ram: Some(51200),
            },
            networks: Some(vec![NetworkChoice {
                id: "net".into(),
                name: "private".into(),
                shared: false,
                cidrs: vec![],
            }]),
            security_groups: Some(vec!["default".into()]),
            keypairs: vec!["mine".into()],
        }
    }

    fn field_of(r: Result<(), AppError>) -> String {
        match r {
            Err(AppError::InvalidInput { field, .. }) => field,
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn an_empty_name_is_refused_at_its_field() {
        let req = LaunchRequest {
            count: 1,
            ..Default::default()
        };
        assert_eq!(field_of(check_step(Step::Details, &req, &opts())), "name");
        let req = LaunchRequest {
            name: "web".into(),
            count: 0,
            ..Default::default()
        };
        assert_eq!(field_of(check_step(Step::Details, &req, &opts())), "count");
    }

    #[test]
    fn flavors_too_small_or_over_quota_are_refused_with_a_reason() {
        let o = opts();
        let image = o.images.first();
        assert_eq!(
            flavor_refusal(&o.flavors[0], image, &o.quota, 1),
            Some("launch-flavor-disk-too-small")
        );
        assert_eq!(flavor_refusal(&o.flavors[1], image, &o.quota, 1), None);
        assert_eq!(
            flavor_refusal(&o.flavors[2], image, &o.quota, 1),
            Some("launch-flavor-over-cores")
        );
        // Five small ones need five vCPUs; four are left.
        assert_eq!(
            flavor_refusal(&o.flavors[1], image, &o.quota, 5),
            Some("launch-flavor-over-cores")
        );
    }

    #[test]
    fn networks_and_metadata_are_checked() {
        let o = opts();
        let req = LaunchRequest::default();
        assert_eq!(field_of(check_step(Step::Networks, &req, &o)), "networks");
        let req = LaunchRequest {
            metadata: vec![("a".into(), "1".into()), ("a".into(), "2".into())],
            ..Default::default()
        };
        assert_eq!(
            field_of(check_step(Step::Configuration, &req, &o)),
            "metadata"
        );
        let no_neutron = LaunchChoices {
            networks: None,
            ..o
        };
        assert!(check_step(Step::Networks, &LaunchRequest::default(), &no_neutron).is_ok());
    }
}
