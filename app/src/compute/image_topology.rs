//! An image's `hw_cpu_*` properties, edited with the CPU topology panel and
//! previewed against the cloud's flavors. Glance decides who may edit (the
//! owner or an admin); the panel is read-only for everyone else.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use topology::Side;

use super::image::ImageRow;
use crate::admin::topology::{topology_values, CpuTopologyPanel, TopologyFlavor, TopologyImage};
use crate::error::AppError;
use crate::ui::{fetched, Loading};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageTopologyData {
    pub flavors: Vec<TopologyFlavor>,
    /// The user owns the image or is an admin.
    pub editable: bool,
}

#[server(endpoint = "image_topology_context")]
pub async fn image_topology_context(owner: String) -> Result<ImageTopologyData, AppError> {
    let (login, api) = crate::ssr::session::require().await?;
    let mut flavors: Vec<TopologyFlavor> = openstack::compute::list_flavors(&api)
        .await?
        .into_iter()
        .map(|f| TopologyFlavor {
            id: f.id,
            name: f.name,
            vcpus: f.vcpus as i64,
            extra_specs: f.extra_specs,
        })
        .collect();
    flavors.sort_by(|a, b| (a.vcpus, &a.name).cmp(&(b.vcpus, &b.name)));
    let project = login.token.project.as_ref().map(|p| p.id.as_str());
    Ok(ImageTopologyData {
        flavors,
        editable: login.token.is_admin() || project == Some(owner.as_str()),
    })
}

/// Sets or removes the six `hw_cpu_*` properties in one JSON patch.
#[server(endpoint = "set_image_topology", input = leptos::server_fn::codec::Json)]
pub async fn set_image_topology(
    id: String,
    values: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use openstack::image::ImagePatch;
    let (_, api) = crate::ssr::session::require().await?;
    let image = openstack::image::get_image(&api, &id).await?;
    let mut patch = Vec::new();
    for field in topology::FIELDS {
        let key = Side::Image.key(field);
        let new = values.get(&key).map(|v| v.trim()).unwrap_or_default();
        let current = image.properties.get(&key).and_then(|v| v.as_str());
        match (current, new) {
            (Some(_), "") => patch.push(ImagePatch::remove(&key)),
            (None, "") => {}
            (current, new) if current != Some(new) => {
                if topology::parse_int(new).is_none_or(|n| n < 1) {
                    return Err(AppError::invalid(&key, "topology-not-integer"));
                }
                patch.push(ImagePatch::add(&key, new));
            }
            _ => {}
        }
    }
    if patch.is_empty() {
        return Ok(());
    }
    openstack::image::update_image(&api, &id, &patch).await?;
    Ok(())
}

/// The panel on the image page.
#[component]
pub fn ImageTopology(
    image: ImageRow,
    saved: RwSignal<bool>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let context = Resource::new(
        {
            let owner = image.owner.clone();
            move || owner.clone()
        },
        image_topology_context,
    );
    let save = ServerAction::<SetImageTopology>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            saved.set(true);
            on_saved.run(());
        }
    });
    let properties: BTreeMap<String, String> = image.properties.iter().cloned().collect();
    let subject = TopologyImage {
        id: image.id.clone(),
        name: image.name.clone(),
        properties: topology_values(Side::Image, &properties),
    };
    let id = StoredValue::new(image.id.clone());
    view! {
        <Transition fallback=Loading>
            {move || {
                let subject = subject.clone();
                Suspend::new(async move {
                    fetched(context.await, move |c| view! {
                        <CpuTopologyPanel side=Side::Image flavors=c.flavors images=vec![subject] editable=c.editable
                            on_save=Callback::new(move |values| {
                                saved.set(false);
                                save.dispatch(SetImageTopology { id: id.get_value(), values });
                            })
                            pending=save.pending()
                            refused=Signal::derive(move || save.value().get().and_then(Result::err))
                            saved/>
                    }.into_any())
                })
            }}
        </Transition>
    }
}
