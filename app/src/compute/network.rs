//! What the launch wizard needs from Neutron: the project's networks and
//! security groups, or `None` for each when the cloud has no Neutron.

#[cfg(feature = "ssr")]
use super::launch::NetworkChoice;
#[cfg(feature = "ssr")]
use crate::error::AppError;

/// Networks the project can boot on (not external ones) with their subnets'
/// CIDRs, and its security group names.
#[cfg(feature = "ssr")]
pub async fn launch_networks(
    api: &openstack::Session,
) -> Result<(Option<Vec<NetworkChoice>>, Option<Vec<String>>), AppError> {
    use openstack::network;
    if api.endpoint("network").is_err() {
        return Ok((None, None));
    }
    let all = network::NetworkFilter::default();
    let (networks, subnets, groups) = tokio::join!(
        network::list_networks(api, &all),
        network::list_subnets(api, None),
        network::list_security_groups(api),
    );
    let subnets = subnets?;
    let mut choices: Vec<NetworkChoice> = networks?
        .into_iter()
        .filter(|n| !n.external)
        .map(|n| NetworkChoice {
            cidrs: subnets
                .iter()
                .filter(|s| s.network_id == n.id)
                .map(|s| s.cidr.clone())
                .collect(),
            id: n.id,
            name: n.name,
            shared: n.shared,
        })
        .collect();
    choices.sort_by(|a, b| a.name.cmp(&b.name));
    let mut groups: Vec<String> = groups?.into_iter().map(|g| g.name).collect();
    groups.sort();
    groups.dedup();
    Ok((Some(choices), Some(groups)))
}
