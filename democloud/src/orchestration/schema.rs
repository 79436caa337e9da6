//! The resource types the demo cloud's Heat supports, as static data copied
//! from Heat's plugins (heat/engine/resources/openstack/...): property and
//! attribute schemas with Heat's names, types, defaults, constraints and
//! descriptions. Also Heat's property validation (with its error texts) and
//! the two `resource_types` API answers built from a schema.
//!
//! Left out on purpose: properties and attributes that Heat marks HIDDEN
//! (deprecated aliases such as `networks.uuid` or `network_id`), except the
//! server's `first_address` attribute, which templates still use; it is
//! accepted but not advertised, like in Heat.

use serde_json::{json, Map, Value};

use super::template::HeatError;

/// A property's data type; `as_str` gives Heat's name for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PropType {
    String,
    Integer,
    Number,
    Boolean,
    List,
    Map,
    /// Anything goes: only `OS::Heat::Value`'s `value` (Heat's `Any`).
    Any,
}

impl PropType {
    pub fn as_str(self) -> &'static str {
        match self {
            PropType::String => "string",
            PropType::Integer => "integer",
            PropType::Number => "number",
            PropType::Boolean => "boolean",
            PropType::List => "list",
            PropType::Map => "map",
            PropType::Any => "any",
        }
    }

    /// The HOT parameter type Heat maps a property type to when it builds a
    /// template from a resource type.
    fn hot_parameter_type(self) -> &'static str {
        match self {
            PropType::String => "string",
            PropType::Integer | PropType::Number => "number",
            PropType::Boolean => "boolean",
            PropType::List => "comma_delimited_list",
            // Heat has no mapping for Any (it fails); json takes anything.
            PropType::Map | PropType::Any => "json",
        }
    }
}

/// A constraint on a property value, as Heat's `heat.engine.constraints`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Constraint {
    AllowedValues(&'static [&'static str]),
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    Length {
        min: Option<i64>,
        max: Option<i64>,
    },
    // No supported type has one (yet); kept so the schemas can say it.
    #[allow(dead_code)]
    AllowedPattern(&'static str),
    /// Checked against the cloud (e.g. "nova.flavor"), never here.
    Custom(&'static str),
}

#[derive(Clone, Copy, Debug)]
pub struct PropSchema {
    pub name: &'static str,
    pub kind: PropType,
    pub description: &'static str,
    pub required: bool,
    pub update_allowed: bool,
    pub immutable: bool,
    /// JSON text, e.g. "\"ROUND_ROBIN\"" or "32".
    pub default: Option<&'static str>,
    pub constraints: &'static [Constraint],
    /// Entry schema of a map, or the item schema of a list (one entry
    /// named "*"); empty if none.
    pub schema: &'static [PropSchema],
}

#[derive(Debug)]
pub struct TypeSchema {
    pub name: &'static str,
    pub description: &'static str,
    pub properties: &'static [PropSchema],
    /// Name and description; every type ends with Heat's `show`.
    pub attributes: &'static [(&'static str, &'static str)],
    /// A service the type needs that the demo cloud does not have.
    pub service: Option<&'static str>,
}

// ---------------------------------------------------------------------------
// Builders for the static tables below.

const S: PropType = PropType::String;
const I: PropType = PropType::Integer;
const N: PropType = PropType::Number;
const B: PropType = PropType::Boolean;
const L: PropType = PropType::List;
const M: PropType = PropType::Map;

const fn p(name: &'static str, kind: PropType, description: &'static str) -> PropSchema {
    PropSchema {
        name,
        kind,
        description,
        required: false,
        update_allowed: false,
        immutable: false,
        default: None,
        constraints: &[],
        schema: &[],
    }
}

/// The item schema of a list.
const fn item(kind: PropType, description: &'static str) -> PropSchema {
    p("*", kind, description)
}

impl PropSchema {
    const fn req(mut self) -> Self {
        self.required = true;
        self
    }
    const fn upd(mut self) -> Self {
        self.update_allowed = true;
        self
    }
    const fn dflt(mut self, json: &'static str) -> Self {
        self.default = Some(json);
        self
    }
    const fn cons(mut self, constraints: &'static [Constraint]) -> Self {
        self.constraints = constraints;
        self
    }
    const fn of(mut self, schema: &'static [PropSchema]) -> Self {
        self.schema = schema;
        self
    }
}

const fn custom(name: &'static str) -> Constraint {
    Constraint::Custom(name)
}
const fn range(min: f64, max: f64) -> Constraint {
    Constraint::Range {
        min: Some(min),
        max: Some(max),
    }
}
const fn at_least(min: f64) -> Constraint {
    Constraint::Range {
        min: Some(min),
        max: None,
    }
}
const fn allowed(values: &'static [&'static str]) -> Constraint {
    Constraint::AllowedValues(values)
}

const SHOW: (&str, &str) = ("show", "Detailed information about resource.");

/// Heat's `_allowed_protocols` of a security group rule: 0..255 and names.
#[rustfmt::skip]
const RULE_PROTOCOLS: &[&str] = &[
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32",
    "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48",
    "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63", "64",
    "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "80",
    "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95", "96",
    "97", "98", "99", "100", "101", "102", "103", "104", "105", "106", "107", "108", "109", "110",
    "111", "112", "113", "114", "115", "116", "117", "118", "119", "120", "121", "122", "123",
    "124", "125", "126", "127", "128", "129", "130", "131", "132", "133", "134", "135", "136",
    "137", "138", "139", "140", "141", "142", "143", "144", "145", "146", "147", "148", "149",
    "150", "151", "152", "153", "154", "155", "156", "157", "158", "159", "160", "161", "162",
    "163", "164", "165", "166", "167", "168", "169", "170", "171", "172", "173", "174", "175",
    "176", "177", "178", "179", "180", "181", "182", "183", "184", "185", "186", "187", "188",
    "189", "190", "191", "192", "193", "194", "195", "196", "197", "198", "199", "200", "201",
    "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214",
    "215", "216", "217", "218", "219", "220", "221", "222", "223", "224", "225", "226", "227",
    "228", "229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240",
    "241", "242", "243", "244", "245", "246", "247", "248", "249", "250", "251", "252", "253",
    "254", "255", "ah", "dccp", "egp", "esp", "gre", "icmp", "icmpv6", "igmp", "ipv6-encap",
    "ipv6-frag", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", "ipv6-route", "ospf", "pgm", "rsvp",
    "sctp", "tcp", "udp", "udplite", "vrrp",
];

// ---------------------------------------------------------------------------
// OS::Nova::*

const SERVER_NETWORK: &[PropSchema] = &[
    p("network", S, "Name or ID of network to create a port on.")
        .cons(&[custom("neutron.network")]),
    p(
        "allocate_network",
        S,
        "The special string values of network, auto: means either a network that is already \
         available to the project will be used, or if one does not exist, will be automatically \
         created for the project; none: means no networking will be allocated for the created \
         server. Supported by Nova API since version \"2.37\". This property can not be used \
         with other network keys.",
    )
    .upd()
    .cons(&[allowed(&["none", "auto"])]),
    p(
        "fixed_ip",
        S,
        "Fixed IP address to specify for the port created on the requested network.",
    )
    .cons(&[custom("ip_addr")]),
    p(
        "port",
        S,
        "ID of an existing port to associate with this server.",
    )
    .cons(&[custom("neutron.port")]),
    p(
        "port_extra_properties",
        M,
        "Dict, which has expand properties for port. Used only if port property is not specified \
         for creating port.",
    ),
    p(
        "subnet",
        S,
        "Subnet in which to allocate the IP address for port. Used for creating port, based on \
         derived properties. If subnet is specified, network property becomes optional.",
    ),
    p("floating_ip", S, "ID of the floating IP to associate."),
    p(
        "tag",
        S,
        "Port tag. Heat ignores any update on this property as nova does not support it.",
    ),
];

const DEVICE_NAME_DESC: &str = "A device name where the volume will be attached in the system at \
     /dev/device_name. This value is typically vda.";
const DELETE_ON_TERM_DESC: &str =
    "Indicate whether the volume should be deleted when the server is terminated.";

const SERVER_BDM: &[PropSchema] = &[
    p("device_name", S, DEVICE_NAME_DESC).req(),
    p(
        "volume_id",
        S,
        "The ID of the volume to boot from. Only one of volume_id or snapshot_id should be \
         provided.",
    )
    .cons(&[custom("cinder.volume")]),
    p(
        "snapshot_id",
        S,
        "The ID of the snapshot to create a volume from.",
    )
    .cons(&[custom("cinder.snapshot")]),
    p(
        "volume_size",
        I,
        "The size of the volume, in GB. It is safe to leave this blank and have the Compute \
         service infer the size.",
    ),
    p("delete_on_termination", B, DELETE_ON_TERM_DESC),
];

const SERVER_BDM_V2: &[PropSchema] = &[
    p("device_name", S, DEVICE_NAME_DESC),
    p(
        "volume_id",
        S,
        "The volume_id can be boot or non-boot device to the server.",
    )
    .cons(&[custom("cinder.volume")]),
    p(
        "image",
        S,
        "The ID or name of the image to create a volume from.",
    )
    .cons(&[custom("glance.image")]),
    p(
        "snapshot_id",
        S,
        "The ID of the snapshot to create a volume from.",
    )
    .cons(&[custom("cinder.snapshot")]),
    p("swap_size", I, "The size of the swap, in MB."),
    p(
        "ephemeral_size",
        I,
        "The size of the local ephemeral block device, in GB.",
    )
    .cons(&[at_least(1.0)]),
    p(
        "ephemeral_format",
        S,
        "The format of the local ephemeral block device. If no format is specified, uses \
         default value, defined in nova configuration file.",
    )
    .cons(&[allowed(&["ext2", "ext3", "ext4", "xfs", "ntfs"])]),
    p(
        "device_type",
        S,
        "Device type: at the moment we can make distinction only between disk and cdrom.",
    )
    .cons(&[allowed(&["cdrom", "disk"])]),
    p(
        "disk_bus",
        S,
        "Bus of the device: hypervisor driver chooses a suitable default if omitted.",
    )
    .cons(&[allowed(&["ide", "lame_bus", "scsi", "usb", "virtio"])]),
    p(
        "boot_index",
        I,
        "Integer used for ordering the boot disks. If it is not specified, value \"0\" will be \
         set for bootable sources (volume, snapshot, image); value \"-1\" will be set for \
         non-bootable sources.",
    ),
    p(
        "volume_size",
        I,
        "Size of the block device in GB. If it is omitted, hypervisor driver calculates size.",
    ),
    p("delete_on_termination", B, DELETE_ON_TERM_DESC),
];

const SERVER_PROPS: &[PropSchema] = &[
    p("name", S, "Server name.").upd(),
    p("image", S, "The ID or name of the image to boot with.")
        .upd()
        .cons(&[custom("glance.image")]),
    p(
        "block_device_mapping",
        L,
        "Block device mappings for this server.",
    )
    .of(&[item(M, "").of(SERVER_BDM)]),
    p(
        "block_device_mapping_v2",
        L,
        "Block device mappings v2 for this server.",
    )
    .of(&[item(M, "").of(SERVER_BDM_V2)]),
    p("flavor", S, "The ID or name of the flavor to boot onto.")
        .req()
        .upd()
        .cons(&[custom("nova.flavor")]),
    p(
        "flavor_update_policy",
        S,
        "Policy on how to apply a flavor update; either by requesting a server resize or by \
         replacing the entire server.",
    )
    .upd()
    .dflt(r#""RESIZE""#)
    .cons(&[allowed(&["RESIZE", "REPLACE"])]),
    p(
        "image_update_policy",
        S,
        "Policy on how to apply an image-id update; either by requesting a server rebuild or by \
         replacing the entire server.",
    )
    .upd()
    .dflt(r#""REBUILD""#)
    .cons(&[allowed(&[
        "REBUILD",
        "REPLACE",
        "REBUILD_PRESERVE_EPHEMERAL",
    ])]),
    p("key_name", S, "Name of keypair to inject into the server.").cons(&[custom("nova.keypair")]),
    p(
        "availability_zone",
        S,
        "Name of the availability zone for server placement.",
    ),
    p(
        "security_groups",
        L,
        "List of security group names or IDs. Cannot be used if neutron ports are associated \
         with this server; assign security groups to the ports instead.",
    )
    .dflt("[]"),
    p(
        "networks",
        L,
        "An ordered list of nics to be added to this server, with information about connected \
         networks, fixed ips, port etc.",
    )
    .upd()
    .of(&[item(M, "").of(SERVER_NETWORK)]),
    p(
        "scheduler_hints",
        M,
        "Arbitrary key-value pairs specified by the client to help boot a server.",
    ),
    p(
        "metadata",
        M,
        "Arbitrary key/value metadata to store for this server. Both keys and values must be 255 \
         characters or less. Non-string values will be serialized to JSON (and the serialized \
         string must be 255 characters or less).",
    )
    .upd()
    .dflt("{}"),
    p(
        "user_data_format",
        S,
        "How the user_data should be formatted for the server. For HEAT_CFNTOOLS, the user_data \
         is bundled as part of the heat-cfntools cloud-init boot configuration data. For RAW the \
         user_data is passed to Nova unmodified. For SOFTWARE_CONFIG user_data is bundled as \
         part of the software config data, and metadata is derived from any associated \
         SoftwareDeployment resources.",
    )
    .dflt(r#""HEAT_CFNTOOLS""#)
    .cons(&[allowed(&["HEAT_CFNTOOLS", "RAW", "SOFTWARE_CONFIG"])]),
    p(
        "software_config_transport",
        S,
        "How the server should receive the metadata required for software configuration. \
         POLL_SERVER_CFN will allow calls to the cfn API action DescribeStackResource \
         authenticated with the provided keypair. POLL_SERVER_HEAT will allow calls to the Heat \
         API resource-show using the provided keystone credentials. POLL_TEMP_URL will create \
         and populate a Swift TempURL with metadata for polling. ZAQAR_MESSAGE will create a \
         dedicated zaqar queue and post the metadata for polling.",
    )
    .upd()
    .dflt(r#""POLL_SERVER_CFN""#)
    .cons(&[allowed(&[
        "POLL_SERVER_CFN",
        "POLL_SERVER_HEAT",
        "POLL_TEMP_URL",
        "ZAQAR_MESSAGE",
    ])]),
    p(
        "user_data_update_policy",
        S,
        "Policy on how to apply a user_data update; either by ignoring it or by replacing the \
         entire server.",
    )
    .upd()
    .dflt(r#""REPLACE""#)
    .cons(&[allowed(&["REPLACE", "IGNORE"])]),
    p(
        "user_data",
        S,
        "User data script to be executed by cloud-init. Changes cause replacement of the \
         resource by default, but can be ignored altogether by setting the \
         `user_data_update_policy` property.",
    )
    .upd()
    .dflt(r#""""#),
    p(
        "reservation_id",
        S,
        "A UUID for the set of servers being requested.",
    ),
    p(
        "config_drive",
        B,
        "If True, enable config drive on the server.",
    ),
    p(
        "diskConfig",
        S,
        "Control how the disk is partitioned when the server is created.",
    )
    .cons(&[allowed(&["AUTO", "MANUAL"])]),
    p(
        "personality",
        M,
        "A map of files to create/overwrite on the server upon boot. Keys are file names and \
         values are the file contents.",
    )
    .dflt("{}"),
    p(
        "admin_pass",
        S,
        "The administrator password for the server.",
    )
    .upd(),
    p(
        "tags",
        L,
        "Server tags. Supported since client version 2.26.",
    )
    .upd()
    .of(&[item(S, "")]),
    p(
        "deployment_swift_data",
        M,
        "Swift container and object to use for storing deployment data for the server \
         resource. The parameter is a map value with the keys \"container\" and \"object\", and \
         the values are the corresponding container and object names. The \
         software_config_transport parameter must be set to POLL_TEMP_URL for swift to be used. \
         If not specified, and software_config_transport is set to POLL_TEMP_URL, a container \
         will be automatically created from the resource name, and the object name will be a \
         generated uuid.",
    )
    .upd()
    .dflt("{}")
    .of(&[
        p("container", S, "Name of the container.").cons(&[Constraint::Length {
            min: Some(1),
            max: None,
        }]),
        p("object", S, "Name of the object.").cons(&[Constraint::Length {
            min: Some(1),
            max: None,
        }]),
    ]),
];

const SERVER_ATTRS: &[(&str, &str)] = &[
    ("name", "Name of the server."),
    (
        "addresses",
        "A dict of all network addresses with corresponding port_id and subnets. Each network \
         will have two keys in dict, they are network name and network id. The port ID may be \
         obtained through the following expression: ``{get_attr: [<server>, addresses, <network \
         name_or_id>, 0, port]}``. The subnets may be obtained trough the following expression: \
         ``{get_attr: [<server>, addresses, <network name_or_id>, 0, subnets]}``. The network \
         may be obtained through the following expression: ``{get_attr: [<server>, addresses, \
         <network name_or_id>, 0, network]}``.",
    ),
    (
        "networks",
        "A dict of assigned network addresses of the form: {\"public\": [ip1, ip2...], \
         \"private\": [ip3, ip4], \"public_uuid\": [ip1, ip2...], \"private_uuid\": [ip3, ip4]}. \
         Each network will have two keys in dict, they are network name and network id.",
    ),
    (
        "first_address",
        "Convenience attribute to fetch the first assigned network address, or an empty string \
         if nothing has been assigned at this time. Result may not be predictable if the server \
         has addresses from more than one network.",
    ),
    ("instance_name", "AWS compatible instance name."),
    (
        "accessIPv4",
        "The manually assigned alternative public IPv4 address of the server.",
    ),
    (
        "accessIPv6",
        "The manually assigned alternative public IPv6 address of the server.",
    ),
    (
        "console_urls",
        "URLs of server's consoles. To get a specific console type, the requested type can be \
         specified as parameter to the get_attr function, e.g. get_attr: [ <server>, \
         console_urls, novnc ]. Currently supported types are novnc, xvpvnc, spice-html5, \
         rdp-html5, serial and webmks.",
    ),
    (
        "tags",
        "Tags from the server. Supported since client version 2.26.",
    ),
    (
        "os_collect_config",
        "The os-collect-config configuration for the server's local agent to be configured to \
         connect to Heat to retrieve deployment data.",
    ),
    SHOW,
];

const KEYPAIR_PROPS: &[PropSchema] = &[
    p("name", S, "The name of the key pair.")
        .req()
        .cons(&[Constraint::Length {
            min: Some(1),
            max: Some(255),
        }]),
    p(
        "save_private_key",
        B,
        "True if the system should remember a generated private key; False otherwise.",
    )
    .dflt("false"),
    p(
        "public_key",
        S,
        "The optional public key. This allows users to supply the public key from a \
         pre-existing key pair. If not supplied, a new key pair will be generated.",
    ),
    p(
        "type",
        S,
        "Keypair type. Supported since Nova api version 2.2.",
    )
    .cons(&[allowed(&["ssh", "x509"])]),
    p(
        "user",
        S,
        "ID or name of user to whom to add key-pair. The usage of this property is limited to \
         being used by administrators only. Supported since Nova api version 2.10.",
    )
    .cons(&[custom("keystone.user")]),
];

const SERVER_GROUP_PROPS: &[PropSchema] = &[
    p("name", S, "Server Group name."),
    p(
        "policies",
        L,
        "A list of string policies to apply. Defaults to anti-affinity.",
    )
    .dflt(r#"["anti-affinity"]"#)
    .cons(&[allowed(&[
        "anti-affinity",
        "affinity",
        "soft-anti-affinity",
        "soft-affinity",
    ])])
    .of(&[item(S, "")]),
];

// ---------------------------------------------------------------------------
// OS::Swift::Container

const CONTAINER_PROPS: &[PropSchema] = &[
    p(
        "name",
        S,
        "Name for the container. If not specified, a unique name will be generated.",
    ),
    p(
        "X-Container-Read",
        S,
        "Specify the ACL permissions on who can read objects in the container.",
    ),
    p(
        "X-Container-Write",
        S,
        "Specify the ACL permissions on who can write objects to the container.",
    ),
    p(
        "X-Container-Meta",
        M,
        "A map of user-defined meta data to associate with the container. Each key in the map \
         will set the header X-Container-Meta-{key} with the corresponding value.",
    )
    .dflt("{}"),
    p(
        "X-Account-Meta",
        M,
        "A map of user-defined meta data to associate with the account. Each key in the map \
         will set the header X-Account-Meta-{key} with the corresponding value.",
    )
    .dflt("{}"),
    p(
        "PurgeOnDelete",
        B,
        "If True, delete any objects in the container when the container is deleted. \
         Otherwise, deleting a non-empty container will result in an error.",
    )
    .dflt("false"),
];

const CONTAINER_ATTRS: &[(&str, &str)] = &[
    ("DomainName", "The host from the container URL."),
    ("WebsiteURL", "The URL of the container."),
    ("RootURL", "The parent URL of the container."),
    (
        "ObjectCount",
        "The number of objects stored in the container.",
    ),
    ("BytesUsed", "The number of bytes stored in the container."),
    (
        "HeadContainer",
        "A map containing all headers for the container.",
    ),
    SHOW,
];

// ---------------------------------------------------------------------------
// OS::Neutron::*

const VALUE_SPECS_DESC: &str = "Extra parameters to include in the request.";

const NET_PROPS: &[PropSchema] = &[
    p(
        "name",
        S,
        "A string specifying a symbolic name for the network, which is not required to be \
         unique.",
    )
    .upd(),
    p(
        "value_specs",
        M,
        "Extra parameters to include in the request. Parameters are often specific to installed \
         hardware or extensions.",
    )
    .upd()
    .dflt("{}"),
    p(
        "admin_state_up",
        B,
        "A boolean value specifying the administrative status of the network.",
    )
    .upd()
    .dflt("true"),
    p(
        "tenant_id",
        S,
        "The ID of the tenant which will own the network. Only administrative users can set the \
         tenant identifier; this cannot be changed using authorization policies.",
    ),
    p(
        "shared",
        B,
        "Whether this network should be shared across all tenants. Note that the default policy \
         setting restricts usage of this attribute to administrative users only.",
    )
    .upd()
    .dflt("false"),
    p(
        "dhcp_agent_ids",
        L,
        "The IDs of the DHCP agent to schedule the network. Note that the default policy setting \
         in Neutron restricts usage of this property to administrative users only.",
    )
    .upd(),
    p(
        "port_security_enabled",
        B,
        "Flag to enable/disable port security on the network. It provides the default value for \
         the attribute of the ports created on this network.",
    )
    .upd(),
    p(
        "qos_policy",
        S,
        "The name or ID of QoS policy to attach to this network.",
    )
    .upd()
    .cons(&[custom("neutron.qos_policy")]),
    p("dns_domain", S, "DNS domain associated with this network.")
        .upd()
        .cons(&[custom("dns_domain")]),
    p("tags", L, "The tags to be added to the network.")
        .upd()
        .of(&[item(S, "")]),
];

const NET_ATTRS: &[(&str, &str)] = &[
    ("status", "The status of the network."),
    ("name", "The name of the network."),
    ("subnets", "Subnets of this network."),
    (
        "admin_state_up",
        "The administrative status of the network.",
    ),
    ("tenant_id", "The tenant owning this network."),
    (
        "port_security_enabled",
        "Port security enabled of the network.",
    ),
    (
        "mtu",
        "The maximum transmission unit size(in bytes) for the network.",
    ),
    (
        "qos_policy_id",
        "The QoS policy ID attached to this network.",
    ),
    (
        "l2_adjacency",
        "A boolean value for L2 adjacency, True means that you can expect L2 connectivity \
         throughout the Network.",
    ),
    ("segments", "The segments of this network."),
    SHOW,
];

const IPV6_MODES: &[&str] = &["dhcpv6-stateful", "dhcpv6-stateless", "slaac"];

const SUBNET_PROPS: &[PropSchema] = &[
    p("network", S, "The ID of the attached network.")
        .req()
        .cons(&[custom("neutron.network")]),
    p("subnetpool", S, "The name or ID of the subnet pool.").cons(&[custom("neutron.subnetpool")]),
    p(
        "prefixlen",
        I,
        "Prefix length for subnet allocation from subnet pool.",
    )
    .cons(&[at_least(0.0)]),
    p("cidr", S, "The CIDR.").cons(&[custom("net_cidr")]),
    p("value_specs", M, VALUE_SPECS_DESC).upd().dflt("{}"),
    p("name", S, "The name of the subnet.").upd(),
    p("ip_version", I, "The IP version, which is 4 or 6.")
        .dflt("4")
        .cons(&[allowed(&["4", "6"])]),
    p(
        "dns_nameservers",
        L,
        "A specified set of DNS name servers to be used.",
    )
    .upd()
    .dflt("[]"),
    p(
        "gateway_ip",
        S,
        "The gateway IP address. Set to any of [ null | ~ | \"\" ] to create/update a subnet \
         without a gateway. If omitted when creation, neutron will assign the first free IP \
         address within the subnet to the gateway automatically. If remove this from template \
         when update, the old gateway IP address will be detached.",
    )
    .upd(),
    p(
        "enable_dhcp",
        B,
        "Set to true if DHCP is enabled and false if DHCP is disabled.",
    )
    .upd()
    .dflt("true"),
    p(
        "allocation_pools",
        L,
        "The start and end addresses for the allocation pools.",
    )
    .upd()
    .of(&[item(M, "").of(&[
        p("start", S, "Start address for the allocation pool.")
            .req()
            .cons(&[custom("ip_addr")]),
        p("end", S, "End address for the allocation pool.")
            .req()
            .cons(&[custom("ip_addr")]),
    ])]),
    p(
        "tenant_id",
        S,
        "The ID of the tenant who owns the network. Only administrative users can specify a \
         tenant ID other than their own.",
    ),
    p(
        "host_routes",
        L,
        "A list of host route dictionaries for the subnet.",
    )
    .upd()
    .of(&[item(M, "").of(&[
        p("destination", S, "The destination for static route.")
            .req()
            .cons(&[custom("net_cidr")]),
        p("nexthop", S, "The next hop for the destination.")
            .req()
            .cons(&[custom("ip_addr")]),
    ])]),
    p("ipv6_ra_mode", S, "IPv6 RA (Router Advertisement) mode.").cons(&[allowed(IPV6_MODES)]),
    p("ipv6_address_mode", S, "IPv6 address mode.").cons(&[allowed(IPV6_MODES)]),
    p("segment", S, "The name/ID of the segment to associate.")
        .upd()
        .cons(&[custom("neutron.segment")]),
    p("tags", L, "The tags to be added to the subnet.")
        .upd()
        .of(&[item(S, "")]),
];

const SUBNET_ATTRS: &[(&str, &str)] = &[
    ("name", "Friendly name of the subnet."),
    ("network_id", "Parent network of the subnet."),
    ("tenant_id", "Tenant owning the subnet."),
    ("allocation_pools", "Ip allocation pools and their ranges."),
    ("gateway_ip", "Ip of the subnet's gateway."),
    ("host_routes", "Additional routes for this subnet."),
    ("ip_version", "Ip version for the subnet."),
    ("cidr", "CIDR block notation for this subnet."),
    ("dns_nameservers", "List of dns nameservers."),
    (
        "enable_dhcp",
        "'true' if DHCP is enabled for this subnet; 'false' otherwise.",
    ),
    SHOW,
];

const PORT_PROPS: &[PropSchema] = &[
    p("name", S, "A symbolic name for this port.").upd(),
    p(
        "network",
        S,
        "Network this port belongs to. If you plan to use current port to assign Floating IP, \
         you should specify fixed_ips with subnet. Note if this changes to a different network \
         update, the port will be replaced.",
    )
    .req()
    .cons(&[custom("neutron.network")]),
    p("device_id", S, "Device ID of this port.")
        .upd()
        .dflt(r#""""#),
    p(
        "device_owner",
        S,
        "Name of the network owning the port. The value is typically network:floatingip or \
         network:router_interface or network:dhcp.",
    )
    .upd()
    .dflt(r#""""#),
    p("fixed_ips", L, "Desired IPs for this port.")
        .upd()
        .of(&[item(M, "").of(&[
            p(
                "subnet",
                S,
                "Subnet in which to allocate the IP address for this port.",
            )
            .cons(&[custom("neutron.subnet")]),
            p(
                "ip_address",
                S,
                "IP address desired in the subnet for this port.",
            )
            .cons(&[custom("ip_addr")]),
        ])]),
    p(
        "security_groups",
        L,
        "Security group IDs to associate with this port.",
    )
    .upd(),
    p("dns_name", S, "DNS name associated with the port.")
        .upd()
        .cons(&[custom("dns_name")]),
    p("tags", L, "The tags to be added to the port.")
        .upd()
        .of(&[item(S, "")]),
    // Heat's `extra_properties_schema`, merged into the port's schema.
    p("value_specs", M, VALUE_SPECS_DESC).upd().dflt("{}"),
    p(
        "admin_state_up",
        B,
        "The administrative state of this port.",
    )
    .upd()
    .dflt("true"),
    p(
        "mac_address",
        S,
        "MAC address to give to this port. The default update policy of this property in \
         neutron is that allow admin role only.",
    )
    .upd()
    .cons(&[custom("mac_addr")]),
    p(
        "allowed_address_pairs",
        L,
        "Additional MAC/IP address pairs allowed to pass through the port.",
    )
    .upd()
    .of(&[item(M, "").of(&[
        p("mac_address", S, "MAC address to allow through this port.").cons(&[custom("mac_addr")]),
        p("ip_address", S, "IP address to allow through this port.")
            .req()
            .cons(&[custom("net_cidr")]),
    ])]),
    p(
        "binding:vnic_type",
        S,
        "The vnic type to be bound on the neutron port. To support SR-IOV PCI passthrough \
         networking, you can request that the neutron port to be realized as normal (virtual \
         nic), direct (pci passthrough), or macvtap (virtual interface with a tap-like software \
         interface). Note that this only works for Neutron deployments that support the \
         bindings extension.",
    )
    .upd()
    .dflt(r#""normal""#)
    .cons(&[allowed(&[
        "normal",
        "direct",
        "macvtap",
        "direct-physical",
        "baremetal",
    ])]),
    p(
        "port_security_enabled",
        B,
        "Flag to enable/disable port security on the port. When disable this feature(set it to \
         False), there will be no packages filtering, like security-group and address-pairs.",
    )
    .upd(),
    p(
        "qos_policy",
        S,
        "The name or ID of QoS policy to attach to this port.",
    )
    .upd()
    .cons(&[custom("neutron.qos_policy")]),
];

const PORT_ATTRS: &[(&str, &str)] = &[
    ("admin_state_up", "The administrative state of this port."),
    ("device_id", "Unique identifier for the device."),
    ("device_owner", "Name of the network owning the port."),
    ("fixed_ips", "Fixed IP addresses."),
    ("mac_address", "MAC address of the port."),
    ("name", "Friendly name of the port."),
    (
        "network_id",
        "Unique identifier for the network owning the port.",
    ),
    ("security_groups", "A list of security groups for the port."),
    ("status", "The status of the port."),
    ("tenant_id", "Tenant owning the port."),
    (
        "allowed_address_pairs",
        "Additional MAC/IP address pairs allowed to pass through a port.",
    ),
    ("subnets", "A list of all subnet attributes for the port."),
    (
        "port_security_enabled",
        "Port security enabled of the port.",
    ),
    ("qos_policy_id", "The QoS policy ID attached to this port."),
    ("dns_assignment", "The DNS assigned to this port."),
    (
        "network",
        "The attributes of the network owning the port. (The full list of response parameters \
         can be found in the `Openstack Networking service API reference \
         <https://developer.openstack.org/api-ref/network/>`_.) The following examples \
         demonstrate some (not all) possible expressions. (Obtains the network, the MTU \
         (Maximum transmission unit), the network tags and the l2_adjacency property): \
         ``{get_attr: [<port>, network]}``, ``{get_attr: [<port>, network, mtu]}``, \
         ``{get_attr: [<port>, network, tags]}?``, ``{get_attr: [<port>, network, \
         l2_adjacency]}``.",
    ),
    SHOW,
];

const DIRECTION_DESC: &str = "The direction in which the security group rule is applied. For a \
     compute instance, an ingress security group rule matches traffic that is incoming (ingress) \
     for that instance. An egress rule is applied to traffic leaving the instance.";
const PORT_RANGE_MIN_DESC: &str = "The minimum port number in the range that is matched by the \
     security group rule. If the protocol is TCP or UDP, this value must be less than or equal \
     to the value of the port_range_max attribute. If the protocol is ICMP, this value must be \
     an ICMP type.";
const REMOTE_IP_PREFIX_DESC: &str =
    "The remote IP prefix (CIDR) to be associated with this security group rule.";

const SECURITY_GROUP_RULE_ITEM: &[PropSchema] = &[
    p("direction", S, DIRECTION_DESC)
        .dflt(r#""ingress""#)
        .cons(&[allowed(&["ingress", "egress"])]),
    p("ethertype", S, "Ethertype of the traffic.")
        .dflt(r#""IPv4""#)
        .cons(&[allowed(&["IPv4", "IPv6"])]),
    p("port_range_min", I, PORT_RANGE_MIN_DESC).cons(&[range(0.0, 65535.0)]),
    p(
        "port_range_max",
        I,
        "The maximum port number in the range that is matched by the security group rule. The \
         port_range_min attribute constrains the port_range_max attribute. If the protocol is \
         ICMP, this value must be an ICMP type.",
    )
    .cons(&[range(0.0, 65535.0)]),
    p(
        "protocol",
        S,
        "The protocol that is matched by the security group rule. Valid values include tcp, \
         udp, and icmp.",
    ),
    p(
        "remote_mode",
        S,
        "Whether to specify a remote group or a remote IP prefix.",
    )
    .dflt(r#""remote_ip_prefix""#)
    .cons(&[allowed(&["remote_ip_prefix", "remote_group_id"])]),
    p(
        "remote_group_id",
        S,
        "The remote group ID to be associated with this security group rule. If no value is \
         specified then this rule will use this security group for the remote_group_id. The \
         remote mode parameter must be set to \"remote_group_id\".",
    )
    .cons(&[custom("neutron.security_group")]),
    p("remote_ip_prefix", S, REMOTE_IP_PREFIX_DESC).cons(&[custom("net_cidr")]),
];

const SECURITY_GROUP_PROPS: &[PropSchema] = &[
    p(
        "name",
        S,
        "A string specifying a symbolic name for the security group, which is not required to \
         be unique.",
    )
    .upd(),
    p("description", S, "Description of the security group.").upd(),
    p("rules", L, "List of security group rules.")
        .upd()
        .dflt("[]")
        .of(&[item(M, "").of(SECURITY_GROUP_RULE_ITEM)]),
];

const SECURITY_GROUP_RULE_PROPS: &[PropSchema] = &[
    p(
        "security_group",
        S,
        "Security group name or ID to add rule.",
    )
    .req()
    .cons(&[custom("neutron.security_group")]),
    p("description", S, "Description of the security group rule."),
    p("direction", S, DIRECTION_DESC)
        .dflt(r#""ingress""#)
        .cons(&[allowed(&["ingress", "egress"])]),
    p("ethertype", S, "Ethertype of the traffic.")
        .dflt(r#""IPv4""#)
        .cons(&[allowed(&["IPv4", "IPv6"])]),
    p("port_range_min", I, PORT_RANGE_MIN_DESC).cons(&[range(0.0, 65535.0)]),
    p(
        "port_range_max",
        I,
        "The maximum port number in the range that is matched by the security group rule. The \
         port_range_min attribute constrains the port_range_max attribute. If the protocol is \
         ICMP, this value must be an ICMP code.",
    )
    .cons(&[range(0.0, 65535.0)]),
    p(
        "protocol",
        S,
        "The protocol that is matched by the security group rule. Allowed values are ah, dccp, \
         egp, esp, gre, icmp, icmpv6, igmp, ipv6-encap, ipv6-frag, ipv6-icmp, ipv6-nonxt, \
         ipv6-opts, ipv6-route, ospf, pgm, rsvp, sctp, tcp, udp, udplite, vrrp and integer \
         representations [0-255].",
    )
    .dflt(r#""tcp""#)
    .cons(&[allowed(RULE_PROTOCOLS)]),
    p(
        "remote_group",
        S,
        "The remote group name or ID to be associated with this security group rule.",
    )
    .cons(&[custom("neutron.security_group")]),
    p("remote_ip_prefix", S, REMOTE_IP_PREFIX_DESC).cons(&[custom("net_cidr")]),
];

const PORT_ID_DESC: &str =
    "ID of an existing port with at least one IP address to associate with this floating IP.";
const FIXED_IP_ADDRESS_DESC: &str = "IP address to use if the port has multiple addresses.";

const FLOATING_IP_PROPS: &[PropSchema] = &[
    p(
        "floating_network",
        S,
        "Network to allocate floating IP from.",
    )
    .req()
    .cons(&[custom("neutron.network")]),
    p("floating_subnet", S, "Subnet to allocate floating IP from.")
        .cons(&[custom("neutron.subnet")]),
    p(
        "value_specs",
        M,
        "Extra parameters to include in the \"floatingip\" object in the creation request. \
         Parameters are often specific to installed hardware or extensions.",
    )
    .dflt("{}"),
    p("port_id", S, PORT_ID_DESC)
        .upd()
        .cons(&[custom("neutron.port")]),
    p("fixed_ip_address", S, FIXED_IP_ADDRESS_DESC)
        .upd()
        .cons(&[custom("ip_addr")]),
    p(
        "floating_ip_address",
        S,
        "IP address of the floating IP. NOTE: The default policy setting in Neutron restricts \
         usage of this property to administrative users only.",
    )
    .cons(&[custom("ip_addr")]),
    p("dns_name", S, "DNS name associated with floating ip.")
        .upd()
        .cons(&[custom("rel_dns_name")]),
    p("dns_domain", S, "DNS domain associated with floating ip.")
        .upd()
        .cons(&[custom("dns_domain")]),
];

const FLOATING_IP_ATTRS: &[(&str, &str)] = &[
    (
        "router_id",
        "ID of the router used as gateway, set when associated with a port.",
    ),
    ("tenant_id", "The tenant owning this floating IP."),
    (
        "floating_network_id",
        "ID of the network in which this IP is allocated.",
    ),
    (
        "fixed_ip_address",
        "IP address of the associated port, if specified.",
    ),
    ("floating_ip_address", "The allocated address of this IP."),
    ("port_id", "ID of the port associated with this IP."),
    SHOW,
];

const FLOATING_IP_ASSOCIATION_PROPS: &[PropSchema] = &[
    p("floatingip_id", S, "ID of the floating IP to associate.")
        .req()
        .upd(),
    p("port_id", S, PORT_ID_DESC)
        .req()
        .upd()
        .cons(&[custom("neutron.port")]),
    p("fixed_ip_address", S, FIXED_IP_ADDRESS_DESC)
        .upd()
        .cons(&[custom("ip_addr")]),
];

// ---------------------------------------------------------------------------
// OS::Octavia::*

const LB_PROTOCOLS: &[&str] = &["TCP", "HTTP", "HTTPS", "TERMINATED_HTTPS", "PROXY", "UDP"];

const LOAD_BALANCER_PROPS: &[PropSchema] = &[
    p("description", S, "Description of this Load Balancer.")
        .upd()
        .dflt(r#""""#),
    p("name", S, "Name of this Load Balancer.").upd(),
    p("provider", S, "Provider for this Load Balancer."),
    p("vip_address", S, "IP address for the VIP.").cons(&[custom("ip_addr")]),
    p(
        "vip_subnet",
        S,
        "The name or ID of the subnet on which to allocate the VIP address.",
    )
    .req()
    .cons(&[custom("neutron.subnet")]),
    p(
        "admin_state_up",
        B,
        "The administrative state of this Load Balancer.",
    )
    .upd()
    .dflt("true"),
    p(
        "tenant_id",
        S,
        "The ID of the tenant who owns the Load Balancer. Only administrative users can specify \
         a tenant ID other than their own.",
    )
    .cons(&[custom("keystone.project")]),
];

const LOAD_BALANCER_ATTRS: &[(&str, &str)] = &[
    ("vip_address", "The VIP address of the LoadBalancer."),
    ("vip_port_id", "The VIP port of the LoadBalancer."),
    ("vip_subnet_id", "The VIP subnet of the LoadBalancer."),
    ("pools", "Pools this LoadBalancer is associated with."),
    SHOW,
];

const LISTENER_PROPS: &[PropSchema] = &[
    p(
        "protocol_port",
        I,
        "TCP or UDP port on which to listen for client traffic.",
    )
    .req()
    .cons(&[range(1.0, 65535.0)]),
    p(
        "protocol",
        S,
        "Protocol on which to listen for the client traffic.",
    )
    .req()
    .cons(&[allowed(LB_PROTOCOLS)]),
    p(
        "loadbalancer",
        S,
        "ID or name of the load balancer with which listener is associated.",
    )
    .cons(&[custom("octavia.loadbalancer")]),
    p(
        "default_pool",
        S,
        "ID or name of the default pool for the listener.",
    )
    .upd()
    .cons(&[custom("octavia.pool")]),
    p("name", S, "Name of this listener.").upd(),
    p(
        "admin_state_up",
        B,
        "The administrative state of this listener.",
    )
    .upd()
    .dflt("true"),
    p("description", S, "Description of this listener.")
        .upd()
        .dflt(r#""""#),
    p(
        "default_tls_container_ref",
        S,
        "Default TLS container reference to retrieve TLS information.",
    )
    .upd(),
    p(
        "sni_container_refs",
        L,
        "List of TLS container references for SNI.",
    )
    .upd(),
    p(
        "connection_limit",
        I,
        "The maximum number of connections permitted for this load balancer. Defaults to -1, \
         which is infinite.",
    )
    .upd()
    .dflt("-1")
    .cons(&[at_least(-1.0)]),
    p(
        "tenant_id",
        S,
        "The ID of the tenant who owns the listener.",
    ),
];

const LISTENER_ATTRS: &[(&str, &str)] = &[
    (
        "loadbalancers",
        "ID of the load balancer this listener is associated to.",
    ),
    (
        "default_pool_id",
        "ID of the default pool this listener is associated to.",
    ),
    SHOW,
];

const POOL_PROPS: &[PropSchema] = &[
    p(
        "admin_state_up",
        B,
        "The administrative state of this pool.",
    )
    .upd()
    .dflt("true"),
    p("description", S, "Description of this pool.")
        .upd()
        .dflt(r#""""#),
    p(
        "session_persistence",
        M,
        "Configuration of session persistence.",
    )
    .of(&[
        p(
            "type",
            S,
            "Method of implementation of session persistence feature.",
        )
        .req()
        .cons(&[allowed(&["SOURCE_IP", "HTTP_COOKIE", "APP_COOKIE"])]),
        p(
            "cookie_name",
            S,
            "Name of the cookie, required if type is APP_COOKIE.",
        ),
    ]),
    p("name", S, "Name of this pool.").upd(),
    p(
        "lb_algorithm",
        S,
        "The algorithm used to distribute load between the members of the pool.",
    )
    .req()
    .upd()
    .cons(&[allowed(&["ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP"])]),
    p(
        "listener",
        S,
        "Listener name or ID to be associated with this pool.",
    )
    .cons(&[custom("octavia.listener")]),
    p(
        "loadbalancer",
        S,
        "Loadbalancer name or ID to be associated with this pool.",
    )
    .cons(&[custom("octavia.loadbalancer")]),
    p("protocol", S, "Protocol of the pool.")
        .req()
        .cons(&[allowed(LB_PROTOCOLS)]),
];

const POOL_ATTRS: &[(&str, &str)] = &[
    (
        "healthmonitor_id",
        "ID of the health monitor associated with this pool.",
    ),
    ("listeners", "Listener associated with this pool."),
    ("members", "Members associated with this pool."),
    SHOW,
];

const POOL_MEMBER_PROPS: &[PropSchema] = &[
    p("pool", S, "Name or ID of the load balancing pool.")
        .req()
        .cons(&[custom("octavia.pool")]),
    p(
        "address",
        S,
        "IP address of the pool member on the pool network.",
    )
    .req()
    .cons(&[custom("ip_addr")]),
    p(
        "protocol_port",
        I,
        "Port on which the pool member listens for requests or connections.",
    )
    .req()
    .cons(&[range(1.0, 65535.0)]),
    p(
        "monitor_address",
        S,
        "Alternate IP address which health monitor can use for health check.",
    )
    .cons(&[custom("ip_addr")]),
    p(
        "monitor_port",
        I,
        "Alternate Port which health monitor can use for health check.",
    )
    .cons(&[range(1.0, 65535.0)]),
    p(
        "weight",
        I,
        "Weight of pool member in the pool (default to 1).",
    )
    .upd()
    .dflt("1")
    .cons(&[range(0.0, 256.0)]),
    p(
        "admin_state_up",
        B,
        "The administrative state of the pool member.",
    )
    .upd()
    .dflt("true"),
    p("subnet", S, "Subnet name or ID of this member.").cons(&[custom("neutron.subnet")]),
];

const HEALTH_MONITOR_PROPS: &[PropSchema] = &[
    p(
        "admin_state_up",
        B,
        "The administrative state of the health monitor.",
    )
    .upd()
    .dflt("true"),
    p(
        "delay",
        I,
        "The minimum time in milliseconds between regular connections of the member.",
    )
    .req()
    .upd()
    .cons(&[at_least(0.0)]),
    p(
        "expected_codes",
        S,
        "The HTTP status codes expected in response from the member to declare it healthy. \
         Specify one of the following values: a single value, such as 200. a list, such as 200, \
         202. a range, such as 200-204.",
    )
    .upd(),
    p(
        "http_method",
        S,
        "The HTTP method used for requests by the monitor of type HTTP.",
    )
    .upd()
    .cons(&[allowed(&[
        "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "CONNECT", "PATCH",
    ])]),
    p(
        "max_retries",
        I,
        "Number of permissible connection failures before changing the member status to \
         INACTIVE.",
    )
    .req()
    .upd()
    .cons(&[range(1.0, 10.0)]),
    p("pool", S, "ID or name of the load balancing pool.")
        .req()
        .cons(&[custom("octavia.pool")]),
    p(
        "timeout",
        I,
        "Maximum number of milliseconds for a monitor to wait for a connection to be \
         established before it times out.",
    )
    .req()
    .upd()
    .cons(&[at_least(0.0)]),
    p("type", S, "One of predefined health monitor types.")
        .req()
        .cons(&[allowed(&["PING", "TCP", "HTTP", "HTTPS", "UDP-CONNECT"])]),
    p(
        "url_path",
        S,
        "The HTTP path used in the HTTP request used by the monitor to test a member health. A \
         valid value is a string the begins with a forward slash (/).",
    )
    .upd(),
    p(
        "tenant_id",
        S,
        "ID of the tenant who owns the health monitor.",
    ),
];

// ---------------------------------------------------------------------------
// OS::Heat::*

const CHARACTER_CLASSES: &[&str] = &[
    "lettersdigits",
    "letters",
    "lowercase",
    "uppercase",
    "digits",
    "hexdigits",
    "octdigits",
];

const RANDOM_STRING_PROPS: &[PropSchema] = &[
    p("length", I, "Length of the string to generate.")
        .dflt("32")
        .cons(&[range(1.0, 512.0)]),
    p(
        "character_classes",
        L,
        "A list of character class and their constraints to generate the random string from.",
    )
    .dflt(r#"[{"class": "lettersdigits", "min": 1}]"#)
    .of(&[item(M, "").of(&[
        p(
            "class",
            S,
            "A character class and its corresponding min constraint to generate the random \
             string from.",
        )
        .dflt(r#""lettersdigits""#)
        .cons(&[allowed(CHARACTER_CLASSES)]),
        p(
            "min",
            I,
            "The minimum number of characters from this character class that will be in the \
             generated string.",
        )
        .dflt("1")
        .cons(&[range(1.0, 512.0)]),
    ])]),
    p(
        "character_sequences",
        L,
        "A list of character sequences and their constraints to generate the random string \
         from.",
    )
    .of(&[item(M, "").of(&[
        p(
            "sequence",
            S,
            "A character sequence and its corresponding min constraint to generate the random \
             string from.",
        )
        .req(),
        p(
            "min",
            I,
            "The minimum number of characters from this sequence that will be in the generated \
             string.",
        )
        .dflt("1")
        .cons(&[range(1.0, 512.0)]),
    ])]),
    p(
        "salt",
        S,
        "Value which can be set or changed on stack update to trigger the resource for \
         replacement with a new random string. The salt value itself is ignored by the random \
         generator.",
    ),
];

const RESOURCE_GROUP_PROPS: &[PropSchema] = &[
    p("count", I, "The number of resources to create.")
        .upd()
        .dflt("1")
        .cons(&[at_least(0.0)]),
    p(
        "index_var",
        S,
        "A variable that this resource will use to replace with the current index of a given \
         resource in the group. Can be used, for example, to customize the name property of \
         grouped servers in order to differentiate them when listed with nova client.",
    )
    .dflt(r#""%index%""#)
    .cons(&[Constraint::Length {
        min: Some(3),
        max: None,
    }]),
    p(
        "resource_def",
        M,
        "Resource definition for the resources in the group. The value of this property is the \
         definition of a resource just as if it had been declared in the template itself.",
    )
    .req()
    .upd()
    .of(&[
        p("type", S, "The type of the resources in the group.").req(),
        p(
            "properties",
            M,
            "Property values for the resources in the group.",
        ),
        p(
            "metadata",
            M,
            "Supplied metadata for the resources in the group.",
        ),
    ]),
    p(
        "removal_policies",
        L,
        "Policies for removal of resources on update.",
    )
    .upd()
    .dflt("[]")
    .of(&[item(
        M,
        "Policy to be processed when doing an update which requires removal of specific \
         resources.",
    )
    .of(&[p(
        "resource_list",
        L,
        "List of resources to be removed when doing an update which requires removal of \
         specific resources. The resource may be specified several ways: (1) The resource name, \
         as in the nested stack, (2) The resource reference returned from get_resource in a \
         template, as available via the 'refs' attribute. Note this is destructive on update \
         when specified; even if the count is not being reduced, and once a resource name is \
         removed, its name is never reused in subsequent updates.",
    )
    .dflt("[]")])]),
    p(
        "removal_policies_mode",
        S,
        "How to handle changes to removal_policies on update. The default \"append\" mode \
         appends to the internal list, \"update\" replaces it on update.",
    )
    .upd()
    .dflt(r#""append""#)
    .cons(&[allowed(&["append", "update"])]),
];

const RESOURCE_GROUP_ATTRS: &[(&str, &str)] = &[
    (
        "refs",
        "A list of resource IDs for the resources in the group.",
    ),
    (
        "refs_map",
        "A map of resource names to IDs for the resources in the group.",
    ),
    (
        "attributes",
        "A map of resource names to the specified attribute of each individual resource. \
         Requires heat_template_version: 2014-10-16.",
    ),
    ("removed_rsrc_list", "A list of removed resource names."),
    SHOW,
];

/// The HOT parameter types `OS::Heat::Value`'s `type` may name.
const VALUE_TYPES: &[&str] = &[
    "string",
    "number",
    "comma_delimited_list",
    "json",
    "boolean",
];

const VALUE_PROPS: &[PropSchema] = &[
    p(
        "value",
        PropType::Any,
        "The expression to generate the \"value\" attribute.",
    )
    .req()
    .upd(),
    p("type", S, "The type of the \"value\" property.")
        .upd()
        .cons(&[allowed(VALUE_TYPES)]),
];

const TEST_RESOURCE_WAIT: &[PropSchema] = &[
    p(
        "create",
        N,
        "Seconds to wait after a create. Defaults to the global wait_secs.",
    )
    .upd(),
    p(
        "update",
        N,
        "Seconds to wait after an update. Defaults to the global wait_secs.",
    )
    .upd(),
    p(
        "delete",
        N,
        "Seconds to wait after a delete. Defaults to the global wait_secs.",
    )
    .upd(),
];

const TEST_RESOURCE_PROPS: &[PropSchema] = &[
    p(
        "constraint_prop_secs",
        N,
        "Number value for delay during resolve constraint.",
    )
    .upd()
    .dflt("0")
    .cons(&[custom("test_constr")]),
    p(
        "attr_wait_secs",
        N,
        "Number value for timeout during resolving output value.",
    )
    .upd()
    .dflt("0"),
    p("value", S, "The input string to be stored.")
        .upd()
        .dflt(r#""test_string""#),
    p(
        "update_replace_value",
        S,
        "Some value that can be stored but can not be updated.",
    ),
    p(
        "fail",
        B,
        "Value which can be set to fail the resource operation to test failure scenarios.",
    )
    .upd()
    .dflt("false"),
    p(
        "update_replace",
        B,
        "Value which can be set to trigger update replace for the particular resource.",
    )
    .upd()
    .dflt("false"),
    p(
        "wait_secs",
        N,
        "Seconds to wait after an action (-1 is infinite).",
    )
    .upd()
    .dflt("0"),
    p("action_wait_secs", M, "Options for simulating waiting.")
        .upd()
        .of(TEST_RESOURCE_WAIT),
    p("client_name", S, "Client to poll.").upd().dflt(r#""""#),
    p("entity_name", S, "Client entity to poll.")
        .upd()
        .dflt(r#""""#),
];

// ---------------------------------------------------------------------------
// OS::Cinder::* (the demo cloud has no Cinder)

const VOLUME_PROPS: &[PropSchema] = &[
    p(
        "availability_zone",
        S,
        "The availability zone in which the volume will be created.",
    ),
    p(
        "size",
        I,
        "The size of the volume in GB. On update only increase in size is supported. This \
         property is required unless property backup_id or source_volid or snapshot_id is \
         specified.",
    )
    .upd()
    .cons(&[at_least(1.0)]),
    p(
        "snapshot_id",
        S,
        "If specified, the snapshot to create the volume from.",
    )
    .cons(&[custom("cinder.snapshot")]),
    p(
        "backup_id",
        S,
        "If specified, the backup to create the volume from.",
    )
    .upd()
    .cons(&[custom("cinder.backup")]),
    p("name", S, "A name used to distinguish the volume.").upd(),
    p("description", S, "A description of the volume.").upd(),
    p(
        "volume_type",
        S,
        "If specified, the type of volume to use, mapping to a specific backend.",
    )
    .upd()
    .cons(&[custom("cinder.vtype")]),
    p(
        "metadata",
        M,
        "Key/value pairs to associate with the volume.",
    )
    .upd()
    .dflt("{}"),
    p(
        "image",
        S,
        "If specified, the name or ID of the image to create the volume from.",
    )
    .cons(&[custom("glance.image")]),
    p(
        "source_volid",
        S,
        "If specified, the volume to use as source.",
    )
    .cons(&[custom("cinder.volume")]),
    p(
        "scheduler_hints",
        M,
        "Arbitrary key-value pairs specified by the client to help the Cinder scheduler \
         creating a volume.",
    ),
    p(
        "read_only",
        B,
        "Enables or disables read-only access mode of volume.",
    )
    .upd(),
    p(
        "multiattach",
        B,
        "Whether allow the volume to be attached more than once.",
    )
    .dflt("false"),
];

const VOLUME_ATTRS: &[(&str, &str)] = &[
    (
        "availability_zone",
        "The availability zone in which the volume is located.",
    ),
    ("size", "The size of the volume in GB."),
    (
        "snapshot_id",
        "The snapshot the volume was created from, if any.",
    ),
    ("display_name", "Name of the volume."),
    ("display_description", "Description of the volume."),
    (
        "volume_type",
        "The type of the volume mapping to a backend, if any.",
    ),
    ("metadata", "Key/value pairs associated with the volume."),
    ("source_volid", "The volume used as source, if any."),
    ("status", "The current status of the volume."),
    ("created_at", "The timestamp indicating volume creation."),
    (
        "bootable",
        "Boolean indicating if the volume can be booted or not.",
    ),
    (
        "metadata_values",
        "Key/value pairs associated with the volume in raw dict form.",
    ),
    (
        "encrypted",
        "Boolean indicating if the volume is encrypted or not.",
    ),
    (
        "attachments",
        "A string representation of the list of attachments of the volume.",
    ),
    ("attachments_list", "The list of attachments of the volume."),
    (
        "multiattach",
        "Boolean indicating whether allow the volume to be attached more than once.",
    ),
    SHOW,
];

const VOLUME_ATTACHMENT_PROPS: &[PropSchema] = &[
    p(
        "instance_uuid",
        S,
        "The ID of the server to which the volume attaches.",
    )
    .req()
    .upd(),
    p("volume_id", S, "The ID of the volume to be attached.")
        .req()
        .upd()
        .cons(&[custom("cinder.volume")]),
    p(
        "mountpoint",
        S,
        "The location where the volume is exposed on the instance. This assignment may not be \
         honored and it is advised that the path /dev/disk/by-id/virtio-<VolumeId> be used \
         instead.",
    )
    .upd(),
];

const ONLY_SHOW: &[(&str, &str)] = &[SHOW];

// ---------------------------------------------------------------------------
// The types, with their plugin docstrings as descriptions.

const fn t(
    name: &'static str,
    description: &'static str,
    properties: &'static [PropSchema],
    attributes: &'static [(&'static str, &'static str)],
) -> TypeSchema {
    TypeSchema {
        name,
        description,
        properties,
        attributes,
        service: None,
    }
}

static TYPES: &[TypeSchema] = &[
    t(
        "OS::Nova::Server",
        "A resource for managing Nova instances.\n\nA Server resource manages the running \
         virtual machine instance within an OpenStack cloud.",
        SERVER_PROPS,
        SERVER_ATTRS,
    ),
    t(
        "OS::Nova::KeyPair",
        "A resource for creating Nova key pairs.\n\nA keypair is a ssh key that can be injected \
         into a server on launch.\n\n**Note** that if a new key is generated setting \
         `save_private_key` to `True` results in the system saving the private key which can \
         then be retrieved via the `private_key` attribute of this resource.\n\nSetting the \
         `public_key` property means that the `private_key` attribute of this resource will \
         always return an empty string regardless of the `save_private_key` setting since there \
         will be no private key data to save.",
        KEYPAIR_PROPS,
        &[
            ("public_key", "The public key."),
            ("private_key", "The private key if it has been saved."),
            SHOW,
        ],
    ),
    t(
        "OS::Nova::ServerGroup",
        "A resource for managing a Nova server group.\n\nServer groups allow you to make sure \
         instances (VM/VPS) are on the same hypervisor host or on a different one.",
        SERVER_GROUP_PROPS,
        ONLY_SHOW,
    ),
    t(
        "OS::Swift::Container",
        "A resource for managing Swift containers.\n\nA container defines a namespace for \
         objects. An object with the same name in two different containers represents two \
         different objects.",
        CONTAINER_PROPS,
        CONTAINER_ATTRS,
    ),
    t(
        "OS::Neutron::Net",
        "A resource for managing Neutron net.\n\nA network is a virtual isolated layer-2 \
         broadcast domain which is typically reserved to the tenant who created it, unless the \
         network has been explicitly configured to be shared.",
        NET_PROPS,
        NET_ATTRS,
    ),
    t(
        "OS::Neutron::Subnet",
        "A resource for managing Neutron subnets.\n\nA subnet represents an IP address block \
         that can be used for assigning IP addresses to virtual instances. Each subnet must \
         have a CIDR and must be associated with a network. IPs can be either selected from the \
         whole subnet CIDR, or from \"allocation pools\" that can be specified by the user.",
        SUBNET_PROPS,
        SUBNET_ATTRS,
    ),
    t(
        "OS::Neutron::Port",
        "A resource for managing Neutron ports.\n\nA port represents a virtual switch port on a \
         logical network switch. Virtual instances attach their interfaces into ports. The \
         logical port also defines the MAC address and the IP address(es) to be assigned to the \
         interfaces plugged into them. When IP addresses are associated to a port, this also \
         implies the port is associated with a subnet, as the IP address was taken from the \
         allocation pool for a specific subnet.",
        PORT_PROPS,
        PORT_ATTRS,
    ),
    t(
        "OS::Neutron::SecurityGroup",
        "A resource for managing Neutron security groups.\n\nSecurity groups are sets of IP \
         filter rules that are applied to an instance's networking. They are project specific, \
         and project members can edit the default rules for their group and add new rules sets. \
         All projects have a \"default\" security group, which is applied to instances that \
         have no other security group defined.",
        SECURITY_GROUP_PROPS,
        ONLY_SHOW,
    ),
    t(
        "OS::Neutron::SecurityGroupRule",
        "A resource for managing Neutron security group rules.\n\nRules to use in security \
         group resource.",
        SECURITY_GROUP_RULE_PROPS,
        ONLY_SHOW,
    ),
    t(
        "OS::Neutron::FloatingIP",
        "A resource for managing Neutron floating ips.\n\nFloating IP addresses can change their \
         association between routers by action of the user. One of the most common use cases \
         for floating IPs is to provide public IP addresses to a private cloud, where there are \
         a limited number of IP addresses available. Another is for a public cloud user to have \
         a \"static\" IP address that can be reassigned when an instance is upgraded or moved.",
        FLOATING_IP_PROPS,
        FLOATING_IP_ATTRS,
    ),
    t(
        "OS::Neutron::FloatingIPAssociation",
        "A resource for associating floating ips and ports.\n\nThis resource allows associating \
         a floating IP to a port with at least one IP address to associate with this floating \
         IP.",
        FLOATING_IP_ASSOCIATION_PROPS,
        ONLY_SHOW,
    ),
    t(
        "OS::Octavia::LoadBalancer",
        "A resource for creating octavia Load Balancers.\n\nThis resource creates and manages \
         octavia Load Balancers, which allows traffic to be directed between servers.",
        LOAD_BALANCER_PROPS,
        LOAD_BALANCER_ATTRS,
    ),
    t(
        "OS::Octavia::Listener",
        "A resource for managing octavia Listeners.\n\nThis resource creates and manages \
         Neutron octavia Listeners, which represent a listening endpoint for the vip.",
        LISTENER_PROPS,
        LISTENER_ATTRS,
    ),
    t(
        "OS::Octavia::Pool",
        "A resource for managing Octavia Pools.\n\nThis resources manages octavia LBaaS Pools, \
         which represent a group of nodes. Pools define the subnet where nodes reside, \
         balancing algorithm, and the nodes themselves.",
        POOL_PROPS,
        POOL_ATTRS,
    ),
    t(
        "OS::Octavia::PoolMember",
        "A resource for managing Octavia Pool Members.\n\nA pool member represents a single \
         backend node.",
        POOL_MEMBER_PROPS,
        ONLY_SHOW,
    ),
    t(
        "OS::Octavia::HealthMonitor",
        "A resource to handle load balancer health monitors.\n\nThis resource creates and \
         manages octavia healthmonitors, which watches status of the load balanced servers.",
        HEALTH_MONITOR_PROPS,
        &[
            ("pools", "The list of Pools related to this monitor."),
            SHOW,
        ],
    ),
    t(
        "OS::Heat::RandomString",
        "A resource which generates a random string.\n\nThis is useful for configuring passwords \
         and secrets on services. Random string can be generated from specified character \
         sequences, which means that all characters will be randomly chosen from specified \
         sequences, or with some classes, e.g. letterdigits, which means that all character \
         will be randomly chosen from union of ascii letters and digits. Output string will be \
         randomly generated string with specified length (or with length of 32, if length \
         property doesn't specified).",
        RANDOM_STRING_PROPS,
        &[
            (
                "value",
                "The random string generated by this resource. This value is also available by \
                 referencing the resource.",
            ),
            SHOW,
        ],
    ),
    t(
        "OS::Heat::ResourceGroup",
        "Creates one or more identically configured nested resources.\n\nIn addition to the \
         `refs` attribute, this resource implements synthetic attributes that mirror those of \
         the resources in the group. When getting an attribute from this resource, however, a \
         list of attribute values for each resource in the group is returned. To get attribute \
         values for a single resource in the group, synthetic attributes of the form \
         `resource.{resource index}.{attribute name}` can be used. The resource ID of a \
         particular resource in the group can be obtained via the synthetic attribute \
         `resource.{resource index}`. Note, that if you get attribute without `{resource \
         index}`, e.g. `[resource, {attribute_name}]`, you'll get a list of this attribute's \
         value for all resources in group.\n\nWhile each resource in the group will be \
         identically configured, this resource does allow for some index-based customization of \
         the properties of the resources in the group. The variable used for substitution can \
         be customized by using the `index_var` property.",
        RESOURCE_GROUP_PROPS,
        RESOURCE_GROUP_ATTRS,
    ),
    t(
        "OS::Heat::Value",
        "A resource which exposes its value property as an attribute.\n\nThis is useful for \
         exposing a value that is a simple manipulation of other template parameters and/or \
         other resources.",
        VALUE_PROPS,
        &[
            (
                "value",
                "The value generated by this resource's properties \"value\" expression, with \
                 type determined from the properties \"type\".",
            ),
            SHOW,
        ],
    ),
    t(
        "OS::Heat::None",
        "Enables easily disabling certain resources via the resource_registry.\n\nIt does \
         nothing, but can effectively stub out any other resource because it will accept any \
         properties and return any attribute (as None). Note this resource always does nothing \
         on update (e.g it is not replaced even if a change to the stubbed resource properties \
         would cause replacement).",
        &[],
        ONLY_SHOW,
    ),
    t(
        "OS::Heat::TestResource",
        "A resource which stores the string value that was provided.\n\nThis resource is to be \
         used only for testing. It has control knobs such as 'update_replace', 'fail', \
         'wait_secs'.",
        TEST_RESOURCE_PROPS,
        &[
            (
                "output",
                "The string that was stored. This value is also available by referencing the \
                 resource.",
            ),
            SHOW,
        ],
    ),
    TypeSchema {
        name: "OS::Cinder::Volume",
        description: "A resource that implements Cinder volumes.\n\nCinder volume is a storage \
                      in the form of block devices. It can be used, for example, for providing \
                      storage to instance. Volume supports creation from snapshot, backup or \
                      image. Also volume can be created only by size.",
        properties: VOLUME_PROPS,
        attributes: VOLUME_ATTRS,
        service: Some("cinder"),
    },
    TypeSchema {
        name: "OS::Cinder::VolumeAttachment",
        description: "Resource for associating volume to instance.\n\nResource for associating \
                      existing volume to instance. Also, the location where the volume is \
                      exposed on the instance can be specified.",
        properties: VOLUME_ATTACHMENT_PROPS,
        attributes: ONLY_SHOW,
        service: Some("cinder"),
    },
];

/// Attributes Heat marks HIDDEN: they resolve, but the schema and the
/// generated template do not show them.
const HIDDEN_ATTRIBUTES: &[(&str, &str)] = &[("OS::Nova::Server", "first_address")];

/// The Python class behind each type: Heat names the resource and the
/// description of a generated template after it.
fn class_name(type_name: &str) -> &str {
    match type_name {
        "OS::Swift::Container" => "SwiftContainer",
        "OS::Heat::None" => "NoneResource",
        "OS::Cinder::Volume" => "CinderVolume",
        "OS::Cinder::VolumeAttachment" => "CinderVolumeAttachment",
        other => other.rsplit("::").next().unwrap_or(other),
    }
}

// ---------------------------------------------------------------------------
// Lookups

pub fn lookup(type_name: &str) -> Option<&'static TypeSchema> {
    TYPES.iter().find(|t| t.name == type_name)
}

/// Types the demo cloud can create (everything but the Cinder ones), sorted
/// by name.
pub fn available() -> Vec<&'static TypeSchema> {
    let mut types: Vec<&'static TypeSchema> =
        TYPES.iter().filter(|t| t.service.is_none()).collect();
    types.sort_by_key(|t| t.name);
    types
}

/// Checks a resource type named in a template, with Heat's errors: an
/// unknown type is `StackValidationFailed` (the registry's EntityNotFound
/// text), a type whose service is missing is `ResourceTypeUnavailable`.
pub fn check_type(type_name: &str) -> Result<&'static TypeSchema, HeatError> {
    let Some(t) = lookup(type_name) else {
        return Err(HeatError::new(
            "StackValidationFailed",
            format!("The Resource Type ({type_name}) could not be found."),
        ));
    };
    match t.service {
        None => Ok(t),
        Some(service) => Err(HeatError::new(
            "ResourceTypeUnavailable",
            format!(
                "HEAT-E99001 Service {service} is not available for resource type {}, reason: \
                 {service} {} endpoint is not in service catalog.",
                t.name,
                service_type(service)
            ),
        )),
    }
}

/// The catalog entry Heat looked for last (cinder tries volumev2, volumev3).
fn service_type(service: &str) -> &str {
    match service {
        "cinder" => "volumev3",
        other => other,
    }
}

// ---------------------------------------------------------------------------
// resource_types API answers

/// Heat's `GET /resource_types/{type}` answer.
pub fn schema_json(t: &TypeSchema) -> Value {
    let properties: Map<String, Value> = t
        .properties
        .iter()
        .map(|p| (p.name.to_owned(), property_json(p)))
        .collect();
    let attributes: Map<String, Value> = shown_attributes(t)
        .map(|&(name, description)| {
            let mut a = Map::new();
            a.insert("description".into(), json!(description));
            if name == "show" {
                a.insert("type".into(), json!("map"));
            }
            (name.to_owned(), Value::Object(a))
        })
        .collect();
    json!({
        "resource_type": t.name,
        "properties": properties,
        "attributes": attributes,
        "support_status": {
            "status": "SUPPORTED",
            "message": null,
            "version": null,
            "previous_status": null,
        },
    })
}

/// A property schema as Heat serialises it (`dict(Schema)`), keys in Heat's
/// order.
fn property_json(p: &PropSchema) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(p.kind.as_str()));
    if !p.description.is_empty() {
        m.insert("description".into(), json!(p.description));
    }
    if let Some(default) = default_value(p) {
        m.insert("default".into(), default);
    }
    if !p.schema.is_empty() {
        let nested: Map<String, Value> = p
            .schema
            .iter()
            .map(|s| (s.name.to_owned(), property_json(s)))
            .collect();
        m.insert("schema".into(), Value::Object(nested));
    }
    m.insert("required".into(), json!(p.required));
    if !p.constraints.is_empty() {
        let constraints: Vec<Value> = p
            .constraints
            .iter()
            .map(|c| constraint_json(p.kind, c))
            .collect();
        m.insert("constraints".into(), Value::Array(constraints));
    }
    m.insert("update_allowed".into(), json!(p.update_allowed));
    m.insert("immutable".into(), json!(p.immutable));
    Value::Object(m)
}

fn constraint_json(kind: PropType, c: &Constraint) -> Value {
    match c {
        Constraint::AllowedValues(values) => {
            json!({"allowed_values": allowed_values_json(kind, values)})
        }
        Constraint::Range { min, max } => json!({"range": bounds_json(*min, *max)}),
        Constraint::Length { min, max } => json!({
            "length": bounds_json(min.map(|v| v as f64), max.map(|v| v as f64))
        }),
        Constraint::AllowedPattern(pattern) => json!({"allowed_pattern": pattern}),
        Constraint::Custom(name) => json!({"custom_constraint": name}),
    }
}

/// Allowed values typed like Heat keeps them (numbers for numeric types).
fn allowed_values_json(kind: PropType, values: &[&str]) -> Vec<Value> {
    values
        .iter()
        .map(|v| match kind {
            PropType::Integer | PropType::Number => serde_json::from_str::<serde_json::Number>(v)
                .map_or_else(|_| json!(v), Value::Number),
            _ => json!(v),
        })
        .collect()
}

fn bounds_json(min: Option<f64>, max: Option<f64>) -> Value {
    let mut m = Map::new();
    if let Some(min) = min {
        m.insert("min".into(), number_json(min));
    }
    if let Some(max) = max {
        m.insert("max".into(), number_json(max));
    }
    Value::Object(m)
}

/// Whole numbers as JSON integers, like Heat's int bounds.
fn number_json(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn shown_attributes(t: &TypeSchema) -> impl Iterator<Item = &(&'static str, &'static str)> {
    t.attributes
        .iter()
        .filter(move |(name, _)| !HIDDEN_ATTRIBUTES.contains(&(t.name, *name)))
}

/// Heat's `GET /resource_types/{type}/template?template_type=hot` answer: a
/// template with one resource of the type, its properties taken from
/// parameters and its attributes given as outputs.
pub fn template_json(t: &TypeSchema) -> Value {
    let resource = class_name(t.name);
    let mut parameters = Map::new();
    let mut properties = Map::new();
    for p in t.properties {
        parameters.insert(p.name.to_owned(), hot_parameter(p));
        properties.insert(p.name.to_owned(), json!({"get_param": p.name}));
    }
    let mut outputs = Map::new();
    for (name, description) in shown_attributes(t) {
        outputs.insert(
            (*name).to_owned(),
            json!({"value": {"get_attr": [resource, name]}, "description": description}),
        );
    }
    outputs.insert(
        "OS::stack_id".into(),
        json!({"value": {"get_resource": resource}}),
    );
    json!({
        "heat_template_version": "2016-10-14",
        "description": format!("Initial template of {resource}"),
        "parameters": parameters,
        "outputs": outputs,
        "resources": {resource: {"type": t.name, "properties": properties}},
    })
}

/// A HOT parameter mirroring a property.
fn hot_parameter(p: &PropSchema) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(p.kind.hot_parameter_type()));
    if !p.description.is_empty() {
        m.insert("description".into(), json!(p.description));
    }
    if let Some(default) = default_value(p) {
        m.insert("default".into(), default);
    }
    if !p.constraints.is_empty() {
        // Heat writes an empty map for a custom constraint (it has no case
        // for it); custom_constraint is what a HOT parameter understands.
        let constraints: Vec<Value> = p
            .constraints
            .iter()
            .map(|c| constraint_json(p.kind, c))
            .collect();
        m.insert("constraints".into(), Value::Array(constraints));
    }
    Value::Object(m)
}

// ---------------------------------------------------------------------------
// Property validation

/// HOT (and CFN) function names: at validate time a one-key map with one of
/// these is a call whose value is not known yet.
const FUNCTIONS: &[&str] = &[
    "get_attr",
    "get_file",
    "get_param",
    "get_resource",
    "list_join",
    "repeat",
    "resource_facade",
    "str_replace",
    "str_replace_strict",
    "str_replace_vstrict",
    "str_split",
    "digest",
    "yaql",
    "map_merge",
    "map_replace",
    "list_concat",
    "list_concat_unique",
    "contains",
    "filter",
    "make_url",
    "if",
    "equals",
    "not",
    "and",
    "or",
    "Ref",
    "Fn::GetAtt",
    "Fn::GetAZs",
    "Fn::Join",
    "Fn::Select",
    "Fn::Split",
    "Fn::Replace",
    "Fn::Base64",
    "Fn::MemberListToMap",
    "Fn::ResourceFacade",
    "Fn::If",
    "Fn::Equals",
    "Fn::Not",
    "Fn::And",
    "Fn::Or",
];

fn is_function(v: &Value) -> bool {
    match v {
        Value::Object(m) if m.len() == 1 => m.keys().all(|k| FUNCTIONS.contains(&k.as_str())),
        _ => false,
    }
}

fn contains_function(v: &Value) -> bool {
    if is_function(v) {
        return true;
    }
    match v {
        Value::Array(items) => items.iter().any(contains_function),
        Value::Object(m) => m.values().any(contains_function),
        _ => false,
    }
}

/// Validates a resource's properties the way Heat's `Properties.validate`
/// does, with its messages ("Property error: resources.<name>.properties...").
/// With `resolved` false (validate time) values that are function calls are
/// not checked; unknown and missing required properties always are. Returns
/// the properties in schema order with defaults filled in and values
/// converted to their schema type (custom constraints are not checked).
/// A property given as null gets its default, or its type's empty value,
/// like in Heat.
pub fn validate_properties(
    t: &TypeSchema,
    resource_name: &str,
    props: &Map<String, Value>,
    resolved: bool,
) -> Result<Map<String, Value>, HeatError> {
    // OS::Heat::None stands in for any resource: it takes any properties and
    // keeps none.
    if t.name == "OS::Heat::None" {
        return Ok(Map::new());
    }
    let typed_value;
    let schema = match value_schema(t, props) {
        Some(s) => {
            typed_value = s;
            typed_value.as_slice()
        }
        None => t.properties,
    };
    check_properties(schema, props, resolved).map_err(|f| {
        let mut path = vec![
            "resources".to_owned(),
            resource_name.to_owned(),
            "properties".to_owned(),
        ];
        path.extend(f.path);
        HeatError::new(
            "StackValidationFailed",
            format!("Property error: {}: {}", heat_path(&path), f.message),
        )
    })
}

/// `OS::Heat::Value` with a literal `type` checks `value` as that type.
fn value_schema(t: &TypeSchema, props: &Map<String, Value>) -> Option<Vec<PropSchema>> {
    if t.name != "OS::Heat::Value" {
        return None;
    }
    let kind = match props.get("type").and_then(Value::as_str)? {
        "string" => PropType::String,
        "number" => PropType::Number,
        "comma_delimited_list" => PropType::List,
        "json" => PropType::Map,
        "boolean" => PropType::Boolean,
        _ => return None,
    };
    let mut schema = t.properties.to_vec();
    for p in schema.iter_mut().filter(|p| p.name == "value") {
        p.kind = kind;
    }
    Some(schema)
}

/// A failure below `properties`: the path to the value and Heat's message.
struct Fail {
    path: Vec<String>,
    message: String,
}

impl Fail {
    fn new(message: String) -> Fail {
        Fail {
            path: Vec::new(),
            message,
        }
    }

    fn under(mut self, key: &str) -> Fail {
        self.path.insert(0, key.to_owned());
        self
    }
}

/// Heat's `HeatExceptionWithPath` path: `a.b[0].c`.
fn heat_path(items: &[String]) -> String {
    let mut out = String::new();
    for item in items {
        if !item.is_empty() && item.bytes().all(|b| b.is_ascii_digit()) {
            out.push('[');
            out.push_str(item);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(item);
        }
    }
    out
}

fn check_properties(
    schema: &[PropSchema],
    data: &Map<String, Value>,
    resolved: bool,
) -> Result<Map<String, Value>, Fail> {
    // Heat reports unknown keys first, in the template's order.
    if let Some(key) = data.keys().find(|k| !schema.iter().any(|p| p.name == *k)) {
        return Err(Fail::new(format!("Unknown Property {key}")));
    }
    let mut out = Map::new();
    for p in schema {
        match data.get(p.name) {
            Some(v) => {
                let v = check_value(p, v, resolved).map_err(|f| f.under(p.name))?;
                out.insert(p.name.to_owned(), v);
            }
            None => {
                if let Some(default) = default_value(p) {
                    out.insert(p.name.to_owned(), default);
                } else if p.required {
                    return Err(Fail::new(format!("Property {} not assigned", p.name)));
                }
            }
        }
    }
    Ok(out)
}

fn check_value(p: &PropSchema, v: &Value, resolved: bool) -> Result<Value, Fail> {
    if !resolved && is_function(v) {
        return Ok(v.clone());
    }
    let value = convert(p, v, resolved)?;
    if resolved || !contains_function(&value) {
        check_constraints(p, &value)?;
    }
    Ok(value)
}

fn default_value(p: &PropSchema) -> Option<Value> {
    p.default.and_then(|text| serde_json::from_str(text).ok())
}

/// Converts a value to the property's type like Heat's `Property.get_value`.
fn convert(p: &PropSchema, v: &Value, resolved: bool) -> Result<Value, Fail> {
    // Heat: `value = self.has_default() and self.default() or <empty>`.
    let filled;
    let v = if v.is_null() {
        filled = default_value(p).unwrap_or(Value::Null);
        &filled
    } else {
        v
    };
    match p.kind {
        PropType::Any => Ok(v.clone()),
        PropType::String => to_string(v),
        PropType::Integer => to_integer(v),
        PropType::Number => to_number(v),
        PropType::Boolean => to_boolean(v),
        PropType::Map => {
            let empty = Map::new();
            let m = match v {
                Value::Null => &empty,
                Value::Object(m) => m,
                other => return Err(Fail::new(format!("\"{}\" is not a map", py_str(other)))),
            };
            if p.schema.is_empty() {
                Ok(Value::Object(m.clone()))
            } else {
                check_properties(p.schema, m, resolved).map(Value::Object)
            }
        }
        PropType::List => match v {
            Value::Null => Ok(Value::Array(Vec::new())),
            Value::Array(items) => match p.schema.first() {
                None => Ok(v.clone()),
                Some(item) => items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        check_value(item, x, resolved).map_err(|f| f.under(&i.to_string()))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array),
            },
            other => Err(Fail::new(format!("\"{}\" is not a list", py_repr(other)))),
        },
    }
}

fn to_string(v: &Value) -> Result<Value, Fail> {
    match v {
        Value::Null => Ok(json!("")),
        Value::String(_) => Ok(v.clone()),
        // Python's str() of a bool or an int.
        Value::Bool(_) => Ok(json!(py_str(v))),
        Value::Number(n) if !n.is_f64() => Ok(json!(n.to_string())),
        other => Err(Fail::new(format!(
            "Value must be a string; got {}",
            py_repr(other)
        ))),
    }
}

/// What Python's int() says about a list or a dict.
fn int_type_error(v: &Value) -> Fail {
    let kind = if v.is_array() { "list" } else { "dict" };
    Fail::new(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{kind}'"
    ))
}

fn to_integer(v: &Value) -> Result<Value, Fail> {
    match v {
        Value::Null => Ok(json!(0)),
        Value::Bool(b) => Ok(json!(i64::from(*b))),
        Value::Number(n) => match n.as_f64() {
            // int() truncates a float.
            Some(f) if n.is_f64() => Ok(json!(f.trunc() as i64)),
            _ => Ok(v.clone()),
        },
        Value::String(s) => s
            .trim()
            .parse::<i64>()
            .map(|i| json!(i))
            .map_err(|_| Fail::new(format!("Value '{s}' is not an integer"))),
        other => Err(int_type_error(other)),
    }
}

fn to_number(v: &Value) -> Result<Value, Fail> {
    match v {
        Value::Null => Ok(json!(0)),
        Value::Bool(_) | Value::Number(_) => Ok(v.clone()),
        Value::String(s) => {
            let t = s.trim();
            if let Ok(i) = t.parse::<i64>() {
                return Ok(json!(i));
            }
            t.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
                .ok_or_else(|| {
                    Fail::new(format!("could not convert string to float: {}", py_repr(v)))
                })
        }
        other => Err(int_type_error(other)),
    }
}

fn to_boolean(v: &Value) -> Result<Value, Fail> {
    match v {
        Value::Null => Ok(json!(false)),
        Value::Bool(_) => Ok(v.clone()),
        Value::String(s) => match s.to_lowercase().as_str() {
            "true" => Ok(json!(true)),
            "false" => Ok(json!(false)),
            lower => Err(Fail::new(format!("\"{lower}\" is not a valid boolean"))),
        },
        other => Err(Fail::new(format!(
            "\"{}\" is not a valid boolean",
            py_str(other)
        ))),
    }
}

fn check_constraints(p: &PropSchema, v: &Value) -> Result<(), Fail> {
    for c in p.constraints {
        match c {
            Constraint::AllowedValues(values) => {
                if !is_allowed(p.kind, values, v) {
                    return Err(Fail::new(format!(
                        "\"{}\" is not an allowed value [{}]",
                        py_str(v),
                        values.join(", ")
                    )));
                }
            }
            Constraint::Range { min, max } => {
                let Some(n) = as_number(v) else { continue };
                if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                    return Err(Fail::new(format!(
                        "{} is out of range (min: {}, max: {})",
                        py_str(v),
                        py_bound(*min),
                        py_bound(*max)
                    )));
                }
            }
            Constraint::Length { min, max } => {
                let len = match v {
                    Value::String(s) => s.chars().count(),
                    Value::Array(a) => a.len(),
                    Value::Object(m) => m.len(),
                    _ => continue,
                } as i64;
                if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
                    return Err(Fail::new(format!(
                        "length ({len}) is out of range (min: {}, max: {})",
                        py_bound(min.map(|m| m as f64)),
                        py_bound(max.map(|m| m as f64))
                    )));
                }
            }
            Constraint::AllowedPattern(pattern) => {
                let Value::String(s) = v else { continue };
                if !matches_whole(pattern, s) {
                    return Err(Fail::new(format!(
                        "\"{s}\" does not match pattern \"{pattern}\""
                    )));
                }
            }
            // Needs the cloud; the caller checks these.
            Constraint::Custom(_) => {}
        }
    }
    Ok(())
}

/// Heat's AllowedValues: every item of a list must be allowed; a scalar is
/// compared after converting both sides to the property's type.
fn is_allowed(kind: PropType, values: &[&str], v: &Value) -> bool {
    match v {
        Value::Array(items) => items
            .iter()
            .all(|x| x.as_str().is_some_and(|s| values.contains(&s))),
        _ => match kind {
            PropType::Integer | PropType::Number => as_number(v).is_some_and(|n| {
                values
                    .iter()
                    .any(|a| a.trim().parse::<f64>().is_ok_and(|a| a == n))
            }),
            PropType::Boolean => {
                let s = py_str(v).to_lowercase();
                values.iter().any(|a| a.to_lowercase() == s)
            }
            _ => {
                let s = py_str(v);
                values.iter().any(|a| *a == s)
            }
        },
    }
}

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Python's `re.match(pattern, value)` covering the whole value.
fn matches_whole(pattern: &str, value: &str) -> bool {
    match regex::Regex::new(&format!("^(?:{pattern})")) {
        Ok(re) => re.find(value).is_some_and(|m| m.end() == value.len()),
        Err(_) => false,
    }
}

fn py_bound(bound: Option<f64>) -> String {
    match bound {
        None => "None".to_owned(),
        Some(b) if b.fract() == 0.0 && b.abs() < 1e15 => format!("{}", b as i64),
        Some(b) => format!("{b}"),
    }
}

/// Python's str() of a JSON value, for Heat's messages.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's repr() of a JSON value.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            _ => n.to_string(),
        },
        Value::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{}\"", s.replace('\\', "\\\\"))
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&json!(k)), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => panic!("not a map"),
        }
    }

    fn validate(
        type_name: &str,
        v: Value,
        resolved: bool,
    ) -> Result<Map<String, Value>, HeatError> {
        validate_properties(lookup(type_name).unwrap(), "web", &props(v), resolved)
    }

    fn error(type_name: &str, v: Value, resolved: bool) -> String {
        let e = validate(type_name, v, resolved).unwrap_err();
        assert_eq!(e.kind, "StackValidationFailed");
        e.message
    }

    #[test]
    fn lookup_finds_types() {
        assert_eq!(lookup("OS::Nova::Server").unwrap().name, "OS::Nova::Server");
        assert!(lookup("OS::Nova::Serverr").is_none());
        assert_eq!(
            lookup("OS::Cinder::Volume").unwrap().service,
            Some("cinder")
        );
        let names: Vec<&str> = available().iter().map(|t| t.name).collect();
        assert_eq!(names.len(), 21);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(!names.iter().any(|n| n.starts_with("OS::Cinder::")));
        assert!(names.contains(&"OS::Heat::TestResource"));
    }

    #[test]
    fn check_type_uses_heat_errors() {
        assert!(check_type("OS::Neutron::Net").is_ok());
        let e = check_type("OS::Foo").unwrap_err();
        assert_eq!(e.kind, "StackValidationFailed");
        assert_eq!(e.message, "The Resource Type (OS::Foo) could not be found.");
        let e = check_type("OS::Cinder::Volume").unwrap_err();
        assert_eq!(e.kind, "ResourceTypeUnavailable");
        assert_eq!(
            e.message,
            "HEAT-E99001 Service cinder is not available for resource type \
             OS::Cinder::Volume, reason: cinder volumev3 endpoint is not in service catalog."
        );
    }

    #[test]
    fn unknown_and_missing_properties() {
        assert_eq!(
            error(
                "OS::Nova::Server",
                json!({"flavor": "m1.tiny", "foo": 1}),
                false
            ),
            "Property error: resources.web.properties: Unknown Property foo"
        );
        assert_eq!(
            error("OS::Nova::Server", json!({"image": "cirros"}), false),
            "Property error: resources.web.properties: Property flavor not assigned"
        );
        // Unknown keys come first, whatever their place.
        assert_eq!(
            error("OS::Nova::Server", json!({"bar": 1}), true),
            "Property error: resources.web.properties: Unknown Property bar"
        );
        // A required property with a function is assigned.
        assert!(validate(
            "OS::Nova::Server",
            json!({"flavor": {"get_param": "f"}}),
            false
        )
        .is_ok());
    }

    #[test]
    fn converts_types_like_heat() {
        let out = validate(
            "OS::Heat::RandomString",
            json!({"length": "12", "salt": 5}),
            true,
        )
        .unwrap();
        assert_eq!(out["length"], json!(12));
        assert_eq!(out["salt"], json!("5"));
        assert_eq!(
            out["character_classes"],
            json!([{"class": "lettersdigits", "min": 1}])
        );
        assert_eq!(
            error("OS::Heat::RandomString", json!({"length": "abc"}), true),
            "Property error: resources.web.properties.length: Value 'abc' is not an integer"
        );
        assert_eq!(
            error("OS::Heat::RandomString", json!({"length": [1]}), true),
            "Property error: resources.web.properties.length: int() argument must be a string, \
             a bytes-like object or a real number, not 'list'"
        );
        assert_eq!(
            error("OS::Heat::RandomString", json!({"salt": 1.5}), true),
            "Property error: resources.web.properties.salt: Value must be a string; got 1.5"
        );
        let out = validate(
            "OS::Swift::Container",
            json!({"PurgeOnDelete": "True"}),
            true,
        )
        .unwrap();
        assert_eq!(out["PurgeOnDelete"], json!(true));
        assert_eq!(
            error("OS::Swift::Container", json!({"PurgeOnDelete": "yes"}), true),
            "Property error: resources.web.properties.PurgeOnDelete: \"yes\" is not a valid boolean"
        );
        assert_eq!(
            error(
                "OS::Swift::Container",
                json!({"X-Container-Meta": "a"}),
                true
            ),
            "Property error: resources.web.properties.X-Container-Meta: \"a\" is not a map"
        );
        assert_eq!(
            error(
                "OS::Nova::Server",
                json!({"flavor": "f", "networks": "private"}),
                true
            ),
            "Property error: resources.web.properties.networks: \"'private'\" is not a list"
        );
        let out = validate("OS::Heat::TestResource", json!({"wait_secs": "0.5"}), true).unwrap();
        assert_eq!(out["wait_secs"], json!(0.5));
    }

    #[test]
    fn defaults_are_filled_in_schema_order() {
        let out = validate(
            "OS::Nova::Server",
            json!({"flavor": "m1.tiny", "name": "a"}),
            true,
        )
        .unwrap();
        let keys: Vec<&str> = out.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "name",
                "flavor",
                "flavor_update_policy",
                "image_update_policy",
                "security_groups",
                "metadata",
                "user_data_format",
                "software_config_transport",
                "user_data_update_policy",
                "user_data",
                "personality",
                "deployment_swift_data",
            ]
        );
        assert_eq!(out["user_data_format"], json!("HEAT_CFNTOOLS"));
        // null gets the default, or the type's empty value.
        let out = validate(
            "OS::Nova::Server",
            json!({"flavor": "f", "key_name": null, "metadata": null}),
            true,
        )
        .unwrap();
        assert_eq!(out["key_name"], json!(""));
        assert_eq!(out["metadata"], json!({}));
    }

    #[test]
    fn checks_constraints() {
        assert_eq!(
            error(
                "OS::Octavia::Pool",
                json!({"lb_algorithm": "RANDOM", "protocol": "HTTP", "listener": "l"}),
                false
            ),
            "Property error: resources.web.properties.lb_algorithm: \"RANDOM\" is not an allowed \
             value [ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP]"
        );
        assert_eq!(
            error(
                "OS::Octavia::Listener",
                json!({"protocol_port": 70000, "protocol": "HTTP"}),
                false
            ),
            "Property error: resources.web.properties.protocol_port: 70000 is out of range \
             (min: 1, max: 65535)"
        );
        assert_eq!(
            error(
                "OS::Heat::ResourceGroup",
                json!({"count": -1, "resource_def": {"type": "T"}}),
                true
            ),
            "Property error: resources.web.properties.count: -1 is out of range (min: 0, max: \
             None)"
        );
        assert_eq!(
            error("OS::Nova::KeyPair", json!({"name": ""}), true),
            "Property error: resources.web.properties.name: length (0) is out of range (min: 1, \
             max: 255)"
        );
        assert_eq!(
            error(
                "OS::Nova::ServerGroup",
                json!({"policies": ["affinity", "x"]}),
                true
            ),
            "Property error: resources.web.properties.policies: \"['affinity', 'x']\" is not an \
             allowed value [anti-affinity, affinity, soft-anti-affinity, soft-affinity]"
        );
        // Integers compare as numbers; protocol numbers as strings.
        assert!(validate(
            "OS::Neutron::Subnet",
            json!({"network": "n", "ip_version": "6"}),
            true
        )
        .is_ok());
        assert!(validate(
            "OS::Neutron::SecurityGroupRule",
            json!({"security_group": "sg", "protocol": 6}),
            true
        )
        .is_ok());
        // Custom constraints are the caller's business.
        assert!(validate(
            "OS::Nova::Server",
            json!({"flavor": "no-such-flavor"}),
            true
        )
        .is_ok());
    }

    #[test]
    fn allowed_pattern_matches_the_whole_value() {
        const PATTERNED: PropSchema = p("x", S, "").cons(&[Constraint::AllowedPattern("[a-z]+")]);
        assert!(check_value(&PATTERNED, &json!("abc"), true).is_ok());
        let f = check_value(&PATTERNED, &json!("abc1"), true).err().unwrap();
        assert_eq!(f.message, "\"abc1\" does not match pattern \"[a-z]+\"");
    }

    #[test]
    fn nested_schemas() {
        assert_eq!(
            error(
                "OS::Nova::Server",
                json!({"flavor": "f", "networks": [{"network": "private"}, {"network": "x", "bogus": 1}]}),
                false
            ),
            "Property error: resources.web.properties.networks[1]: Unknown Property bogus"
        );
        assert_eq!(
            error(
                "OS::Nova::Server",
                json!({"flavor": "f", "networks": [{"port": ["x"]}]}),
                true
            ),
            "Property error: resources.web.properties.networks[0].port: Value must be a string; \
             got ['x']"
        );
        assert_eq!(
            error(
                "OS::Neutron::Subnet",
                json!({"network": "n", "allocation_pools": [{"start": "10.0.0.2"}]}),
                true
            ),
            "Property error: resources.web.properties.allocation_pools[0]: Property end not \
             assigned"
        );
        assert_eq!(
            error(
                "OS::Neutron::SecurityGroup",
                json!({"rules": [{"direction": "sideways"}]}),
                true
            ),
            "Property error: resources.web.properties.rules[0].direction: \"sideways\" is not an \
             allowed value [ingress, egress]"
        );
        assert_eq!(
            error(
                "OS::Heat::ResourceGroup",
                json!({"resource_def": {"typ": "T"}}),
                true
            ),
            "Property error: resources.web.properties.resource_def: Unknown Property typ"
        );
        let out = validate(
            "OS::Neutron::SecurityGroup",
            json!({"rules": [{"protocol": "tcp", "port_range_min": "22"}]}),
            true,
        )
        .unwrap();
        assert_eq!(
            out["rules"],
            json!([{
                "direction": "ingress",
                "ethertype": "IPv4",
                "port_range_min": 22,
                "protocol": "tcp",
                "remote_mode": "remote_ip_prefix",
            }])
        );
    }

    #[test]
    fn functions_are_skipped_until_resolved() {
        let v = json!({
            "flavor": {"get_param": "flavor"},
            "networks": [{"network": {"get_param": "net"}}, {"get_attr": ["a", "b"]}],
            "metadata": {"str_replace": {"template": "x", "params": {}}},
        });
        let out = validate("OS::Nova::Server", v.clone(), false).unwrap();
        assert_eq!(out["flavor"], json!({"get_param": "flavor"}));
        assert_eq!(out["networks"][1], json!({"get_attr": ["a", "b"]}));
        // Resolved, the same maps are plain values, and wrong ones.
        assert_eq!(
            error("OS::Nova::Server", v, true),
            "Property error: resources.web.properties.flavor: Value must be a string; got \
             {'get_param': 'flavor'}"
        );
        // Literal values still get checked at validate time.
        assert_eq!(
            error("OS::Heat::RandomString", json!({"length": 0}), false),
            "Property error: resources.web.properties.length: 0 is out of range (min: 1, max: \
             512)"
        );
    }

    #[test]
    fn value_and_none_types() {
        let out = validate("OS::Heat::Value", json!({"value": [1, "a"]}), true).unwrap();
        assert_eq!(out["value"], json!([1, "a"]));
        let out = validate(
            "OS::Heat::Value",
            json!({"value": "3", "type": "number"}),
            true,
        )
        .unwrap();
        assert_eq!(out["value"], json!(3));
        assert_eq!(
            error(
                "OS::Heat::Value",
                json!({"value": "x", "type": "json"}),
                true
            ),
            "Property error: resources.web.properties.value: \"x\" is not a map"
        );
        assert_eq!(
            error("OS::Heat::Value", json!({}), true),
            "Property error: resources.web.properties: Property value not assigned"
        );
        let out = validate("OS::Heat::None", json!({"anything": 1}), true).unwrap();
        assert!(out.is_empty());
    }

    #[test]
    fn error_path_formats_indexes() {
        let path =
            |items: &[&str]| heat_path(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            path(&["resources", "a", "properties", "x", "0", "y"]),
            "resources.a.properties.x[0].y"
        );
        assert_eq!(
            path(&["resources", "a", "properties"]),
            "resources.a.properties"
        );
    }

    #[test]
    fn schema_json_has_heat_shape() {
        let s = schema_json(lookup("OS::Heat::RandomString").unwrap());
        assert_eq!(s["resource_type"], "OS::Heat::RandomString");
        assert_eq!(
            s["properties"]["length"],
            json!({
                "type": "integer",
                "description": "Length of the string to generate.",
                "default": 32,
                "required": false,
                "constraints": [{"range": {"min": 1, "max": 512}}],
                "update_allowed": false,
                "immutable": false,
            })
        );
        let classes = &s["properties"]["character_classes"]["schema"]["*"];
        assert_eq!(classes["type"], "map");
        assert!(classes.get("description").is_none());
        assert_eq!(
            classes["schema"]["class"]["constraints"][0]["allowed_values"][0],
            "lettersdigits"
        );
        assert_eq!(
            s["attributes"],
            json!({
                "value": {"description": "The random string generated by this resource. This \
                                          value is also available by referencing the resource."},
                "show": {"description": "Detailed information about resource.", "type": "map"},
            })
        );
        assert_eq!(
            s["support_status"],
            json!({"status": "SUPPORTED", "message": null, "version": null, "previous_status": null})
        );

        let s = schema_json(lookup("OS::Nova::Server").unwrap());
        assert_eq!(
            s["properties"]["networks"]["schema"]["*"]["schema"]["network"]["constraints"],
            json!([{"custom_constraint": "neutron.network"}])
        );
        assert_eq!(s["properties"]["flavor"]["required"], true);
        assert_eq!(s["properties"]["flavor"]["update_allowed"], true);
        // Hidden attributes resolve but are not advertised.
        assert!(s["attributes"].get("first_address").is_none());
        assert!(lookup("OS::Nova::Server")
            .unwrap()
            .attributes
            .iter()
            .any(|(n, _)| *n == "first_address"));
        let s = schema_json(lookup("OS::Neutron::Subnet").unwrap());
        assert_eq!(
            s["properties"]["ip_version"]["constraints"],
            json!([{"allowed_values": [4, 6]}])
        );
    }

    #[test]
    fn template_json_mirrors_the_type() {
        let t = template_json(lookup("OS::Heat::RandomString").unwrap());
        let keys: Vec<&str> = t.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "heat_template_version",
                "description",
                "parameters",
                "outputs",
                "resources"
            ]
        );
        assert_eq!(t["heat_template_version"], "2016-10-14");
        assert_eq!(t["description"], "Initial template of RandomString");
        assert_eq!(
            t["parameters"]["length"],
            json!({
                "type": "number",
                "description": "Length of the string to generate.",
                "default": 32,
                "constraints": [{"range": {"min": 1, "max": 512}}],
            })
        );
        assert_eq!(
            t["parameters"]["character_classes"]["type"],
            "comma_delimited_list"
        );
        assert_eq!(
            t["resources"]["RandomString"]["properties"]["salt"],
            json!({"get_param": "salt"})
        );
        assert_eq!(
            t["resources"]["RandomString"]["type"],
            "OS::Heat::RandomString"
        );
        assert_eq!(
            t["outputs"]["value"]["value"],
            json!({"get_attr": ["RandomString", "value"]})
        );
        assert_eq!(
            t["outputs"]["OS::stack_id"],
            json!({"value": {"get_resource": "RandomString"}})
        );
        let t = template_json(lookup("OS::Swift::Container").unwrap());
        assert!(t["resources"]["SwiftContainer"].is_object());
        let t = template_json(lookup("OS::Heat::None").unwrap());
        assert_eq!(t["parameters"], json!({}));
        assert!(t["resources"]["NoneResource"].is_object());
    }

    /// The static tables are consistent: defaults parse and pass their own
    /// schema, list schemas have one "*" item, names are unique.
    #[test]
    fn tables_are_consistent() {
        fn walk(schema: &[PropSchema], list_item: bool) {
            if list_item {
                assert!(schema.len() == 1 && schema[0].name == "*");
            }
            for (i, p) in schema.iter().enumerate() {
                assert!(
                    !schema[..i].iter().any(|q| q.name == p.name),
                    "duplicate {}",
                    p.name
                );
                if let Some(text) = p.default {
                    let v: Value = serde_json::from_str(text).unwrap();
                    let out = check_value(p, &v, true).map_err(|f| f.message).unwrap();
                    assert_eq!(out, v, "default of {}", p.name);
                }
                if !p.schema.is_empty() {
                    assert!(matches!(p.kind, PropType::List | PropType::Map));
                }
                walk(p.schema, p.kind == PropType::List && !p.schema.is_empty());
            }
        }
        for t in TYPES {
            walk(t.properties, false);
            assert_eq!(t.attributes.last(), Some(&SHOW), "{}", t.name);
            assert!(!t.description.is_empty());
        }
        assert_eq!(RULE_PROTOCOLS.len(), 256 + 22);
    }

    const STARTERS: &[(&str, &str)] = &[
        (
            "single_server",
            include_str!("../../../app/src/orchestration/starters/single_server.yaml"),
        ),
        (
            "server_with_storage",
            include_str!("../../../app/src/orchestration/starters/server_with_storage.yaml"),
        ),
        (
            "web_cluster",
            include_str!("../../../app/src/orchestration/starters/web_cluster.yaml"),
        ),
    ];

    /// The functions starters may use.
    const STARTER_FUNCTIONS: &[&str] = &[
        "get_param",
        "get_resource",
        "get_attr",
        "str_replace",
        "list_join",
        "if",
        "equals",
        "not",
        "repeat",
    ];

    /// Every function call in a snippet, as (name, args).
    fn calls<'a>(v: &'a Value, out: &mut Vec<(&'a str, &'a Value)>) {
        match v {
            Value::Object(m) => {
                if is_function(v) {
                    if let Some((k, args)) = m.iter().next() {
                        out.push((k.as_str(), args));
                    }
                }
                m.values().for_each(|x| calls(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| calls(x, out)),
            _ => {}
        }
    }

    #[test]
    fn starters_are_valid() {
        // What the demo cloud seeds (compute, image and network seeds).
        let seeded = [
            "cirros-0.6.2-x86_64-disk",
            "ubuntu-24.04-minimal",
            "m1.tiny",
            "m1.small",
            "private",
            "private-subnet",
            "",
        ];
        for (name, text) in STARTERS {
            let doc: Value = serde_yaml::from_str(text).unwrap();
            assert!(text.starts_with('#'), "{name}: comment header");
            assert_eq!(doc["heat_template_version"], "2018-08-31", "{name}");
            assert!(doc["description"].is_string(), "{name}");

            let params = doc["parameters"].as_object().unwrap();
            let grouped: Vec<&str> = doc["parameter_groups"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|g| {
                    assert!(g["label"].is_string() && g["description"].is_string());
                    g["parameters"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|p| p.as_str().unwrap())
                })
                .collect();
            for (pname, p) in params {
                assert!(p["label"].is_string(), "{name}: {pname} label");
                assert!(p["description"].is_string(), "{name}: {pname} description");
                assert!(p.get("default").is_some(), "{name}: {pname} default");
                assert_eq!(
                    grouped.iter().filter(|g| *g == pname).count(),
                    1,
                    "{name}: {pname} in one group"
                );
                let custom = p["constraints"]
                    .as_array()
                    .and_then(|c| c.iter().find_map(|c| c["custom_constraint"].as_str()));
                if let Some(custom) = custom {
                    let default = p["default"].as_str().unwrap();
                    assert!(
                        seeded.contains(&default),
                        "{name}: {pname} default {default}"
                    );
                    if default.is_empty() {
                        // Only a key pair may be left empty.
                        assert_eq!(custom, "nova.keypair", "{name}: {pname}");
                    }
                }
            }
            assert_eq!(grouped.len(), params.len(), "{name}: groups");

            let resources = doc["resources"].as_object().unwrap();
            let conditions = doc["conditions"].as_object().cloned().unwrap_or_default();
            let mut found = Vec::new();
            calls(&doc["resources"], &mut found);
            calls(&doc["outputs"], &mut found);
            calls(&doc["conditions"], &mut found);
            for (f, args) in &found {
                assert!(STARTER_FUNCTIONS.contains(f), "{name}: function {f}");
                let target = match *f {
                    "get_resource" => args.as_str(),
                    "get_attr" => args[0].as_str(),
                    _ => None,
                };
                if let Some(target) = target {
                    assert!(resources.contains_key(target), "{name}: {f} {target}");
                }
                if *f == "get_param" {
                    let p = args.as_str().unwrap();
                    assert!(params.contains_key(p), "{name}: get_param {p}");
                }
                if *f == "if" {
                    let c = args[0].as_str().unwrap();
                    assert!(conditions.contains_key(c), "{name}: condition {c}");
                }
            }

            for (rname, r) in resources {
                let type_name = r["type"].as_str().unwrap();
                let t = match check_type(type_name) {
                    Ok(t) => t,
                    Err(e) => {
                        // Cinder only in server_with_storage, behind a condition.
                        assert_eq!(e.kind, "ResourceTypeUnavailable", "{name}: {rname}");
                        assert_eq!(*name, "server_with_storage", "{name}: {rname}");
                        let c = r["condition"].as_str().unwrap();
                        assert!(conditions.contains_key(c), "{name}: {rname}");
                        lookup(type_name).unwrap()
                    }
                };
                let empty = Map::new();
                let props = r["properties"].as_object().unwrap_or(&empty);
                if let Err(e) = validate_properties(t, rname, props, false) {
                    panic!("{name}: {}", e.message);
                }
            }

            for (oname, o) in doc["outputs"].as_object().unwrap() {
                assert!(o["description"].is_string(), "{name}: output {oname}");
                assert!(o.get("value").is_some(), "{name}: output {oname}");
            }
        }
    }
}
