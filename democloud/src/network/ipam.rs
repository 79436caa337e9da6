//! IP address arithmetic: CIDRs, Neutron's default gateway and allocation
//! pools, and picking free addresses. Addresses are `u128` so IPv4 and IPv6
//! share the code.

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// An address of either family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ip {
    pub version: u8,
    pub value: u128,
}

impl Ip {
    pub fn parse(s: &str) -> Option<Ip> {
        match s.trim().parse::<IpAddr>().ok()? {
            IpAddr::V4(a) => Some(Ip {
                version: 4,
                value: u32::from(a) as u128,
            }),
            IpAddr::V6(a) => Some(Ip {
                version: 6,
                value: u128::from(a),
            }),
        }
    }

    fn offset(self, by: u128) -> Ip {
        Ip {
            version: self.version,
            value: self.value.wrapping_add(by),
        }
    }
}

impl std::fmt::Display for Ip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.version == 4 {
            write!(f, "{}", Ipv4Addr::from(self.value as u32))
        } else {
            write!(f, "{}", Ipv6Addr::from(self.value))
        }
    }
}

/// A subnet such as `10.0.0.0/24`, host bits cleared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    pub version: u8,
    pub network: u128,
    pub prefix: u8,
}

impl Cidr {
    /// Parses `addr/prefix`; host bits are dropped (`10.0.0.5/24` is
    /// `10.0.0.0/24`), as Neutron stores it.
    pub fn parse(s: &str) -> Option<Cidr> {
        let (addr, prefix) = s.trim().split_once('/')?;
        let ip = Ip::parse(addr)?;
        let prefix: u8 = prefix.parse().ok()?;
        let bits = if ip.version == 4 { 32 } else { 128 };
        if prefix > bits || addr.contains(char::is_whitespace) {
            return None;
        }
        let cidr = Cidr {
            version: ip.version,
            network: 0,
            prefix,
        };
        Some(Cidr {
            network: ip.value & cidr.mask(),
            ..cidr
        })
    }

    fn bits(self) -> u8 {
        if self.version == 4 {
            32
        } else {
            128
        }
    }

    fn host_mask(self) -> u128 {
        let host_bits = u32::from(self.bits() - self.prefix);
        if host_bits >= 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        }
    }

    fn mask(self) -> u128 {
        let all = if self.version == 4 {
            u32::MAX as u128
        } else {
            u128::MAX
        };
        all & !self.host_mask()
    }

    pub fn first(self) -> Ip {
        Ip {
            version: self.version,
            value: self.network,
        }
    }

    pub fn last(self) -> Ip {
        Ip {
            version: self.version,
            value: self.network | self.host_mask(),
        }
    }

    pub fn contains(self, ip: Ip) -> bool {
        ip.version == self.version && ip.value & self.mask() == self.network
    }

    pub fn overlaps(self, other: Cidr) -> bool {
        self.version == other.version
            && (self.contains(other.first()) || other.contains(self.first()))
    }

    /// Neutron's default gateway: the first address after the network's.
    pub fn default_gateway(self) -> Option<Ip> {
        (self.first() != self.last()).then(|| self.first().offset(1))
    }

    /// Neutron's default pools: every host address (IPv4 loses the
    /// broadcast address) except the gateway, which may split the range.
    pub fn default_pools(self, gateway: Option<Ip>) -> Vec<Pool> {
        let (first, last) = (self.first(), self.last());
        if first == last {
            return vec![Pool {
                start: first,
                end: last,
            }];
        }
        let start = first.offset(1);
        let end = Ip {
            version: self.version,
            value: last.value - u128::from(self.version == 4),
        };
        if start >= end {
            return Vec::new();
        }
        let mut pools = vec![Pool { start, end }];
        if let Some(gw) = gateway {
            pools = pools.into_iter().flat_map(|p| p.without(gw)).collect();
        }
        pools
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.first(), self.prefix)
    }
}

/// An inclusive range of addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pool {
    pub start: Ip,
    pub end: Ip,
}

impl Pool {
    pub fn contains(self, ip: Ip) -> bool {
        ip.version == self.start.version && self.start <= ip && ip <= self.end
    }

    pub fn overlaps(self, other: Pool) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The pool minus one address (zero, one or two pools).
    fn without(self, ip: Ip) -> Vec<Pool> {
        if !self.contains(ip) {
            return vec![self];
        }
        let mut out = Vec::new();
        if ip > self.start {
            out.push(Pool {
                start: self.start,
                end: ip.offset(u128::MAX),
            });
        }
        if ip < self.end {
            out.push(Pool {
                start: ip.offset(1),
                end: self.end,
            });
        }
        out
    }

    pub fn to_json(self) -> serde_json::Value {
        serde_json::json!({"start": self.start.to_string(), "end": self.end.to_string()})
    }
}

/// The lowest address of `pools` not in `used`.
pub fn first_free(pools: &[Pool], used: &HashSet<Ip>) -> Option<Ip> {
    for pool in pools {
        let mut ip = pool.start;
        // `used` is finite, so this ends after at most used.len() + 1 steps.
        loop {
            if !used.contains(&ip) {
                return Some(ip);
            }
            if ip >= pool.end {
                break;
            }
            ip = ip.offset(1);
        }
    }
    None
}

/// A random MAC address in OpenStack's `fa:16:3e` range.
pub fn random_mac() -> String {
    use rand::Rng;
    let mut rng = rand::thread_rng();
    let b: [u8; 3] = rng.gen();
    format!("fa:16:3e:{:02x}:{:02x}:{:02x}", b[0], b[1], b[2])
}

/// Whether `s` is a MAC address (`aa:bb:cc:dd:ee:ff`, any case).
pub fn is_mac(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Ip {
        Ip::parse(s).expect("ip")
    }

    #[test]
    fn cidrs_normalise_and_contain() {
        let c = Cidr::parse("10.0.0.5/24").expect("cidr");
        assert_eq!(c.to_string(), "10.0.0.0/24");
        assert!(c.contains(ip("10.0.0.255")));
        assert!(!c.contains(ip("10.0.1.0")));
        assert!(Cidr::parse("10.0.0.0").is_none());
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("nope/24").is_none());
        let v6 = Cidr::parse("fd00::/64").expect("v6");
        assert_eq!(
            v6.default_gateway().map(|g| g.to_string()).as_deref(),
            Some("fd00::1")
        );
        assert!(c.overlaps(Cidr::parse("10.0.0.128/25").expect("cidr")));
        assert!(!c.overlaps(v6));
    }

    #[test]
    fn default_pools_follow_neutron() {
        let c = Cidr::parse("10.0.0.0/24").expect("cidr");
        let pools = c.default_pools(c.default_gateway());
        assert_eq!(pools.len(), 1);
        assert_eq!(pools[0].start.to_string(), "10.0.0.2");
        assert_eq!(pools[0].end.to_string(), "10.0.0.254");
        // A gateway inside the range splits it.
        let split = c.default_pools(Some(ip("10.0.0.100")));
        assert_eq!(split.len(), 2);
        assert_eq!(split[0].end.to_string(), "10.0.0.99");
        assert_eq!(split[1].start.to_string(), "10.0.0.101");
        let v6 = Cidr::parse("fd00::/64").expect("v6");
        let pools = v6.default_pools(v6.default_gateway());
        assert_eq!(pools[0].start.to_string(), "fd00::2");
        assert_eq!(pools[0].end.to_string(), "fd00::ffff:ffff:ffff:ffff");
        assert!(Cidr::parse("10.0.0.0/31")
            .expect("cidr")
            .default_pools(None)
            .is_empty());
    }

    #[test]
    fn allocation_skips_used_addresses() {
        let c = Cidr::parse("10.0.0.0/29").expect("cidr");
        let pools = c.default_pools(c.default_gateway());
        let mut used = HashSet::new();
        used.insert(ip("10.0.0.2"));
        assert_eq!(first_free(&pools, &used), Some(ip("10.0.0.3")));
        for last in 3..=6 {
            used.insert(ip(&format!("10.0.0.{last}")));
        }
        assert_eq!(first_free(&pools, &used), None);
    }

    #[test]
    fn macs() {
        let m = random_mac();
        assert!(m.starts_with("fa:16:3e:") && is_mac(&m), "{m}");
        assert!(!is_mac("fa:16:3e:00:00"));
    }
}
