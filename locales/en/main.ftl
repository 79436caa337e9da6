app-title = Zenith

## Common
common-loading = Loading…
common-language = Language
common-yes = Yes
common-no = No
common-previous = Previous
common-next = Next
common-pagination = Pagination
common-page-of = Page { $page } of { $pages }

## Errors
error-not-logged-in = Please log in to continue.
error-session-expired = Your session has expired. Please log in again.
error-invalid-credentials = The user name, password or domain is wrong. Check them and try again.
error-no-project = This user has no enabled project to work in. Ask your cloud administrator for a role on a project.
error-forbidden = You are not allowed to do this. Ask your cloud administrator if you need access.
error-not-found = What you asked for does not exist (any more).
error-bad-request = The form was incomplete. Fill in every field and try again.
error-unreachable = Cannot reach { $service }. Check that the cloud is running, then try again.
error-timeout = { $service } did not answer in time. Try again in a moment.
error-cloud = The cloud refused the request ({ $status }): { $message }
error-internal = Something went wrong in Zenith: { $detail }
error-unknown-project = You have no role on that project.
error-unknown-region = The cloud has no such region.
error-back-home = Back to the overview
error-404-title = Page not found
error-404-body = There is no page at this address. Check the link, or start again from the overview.
error-403-title = Access denied
error-403-body = This page is for cloud administrators. Ask one if you need access.

## Login
login-title = Log in to your cloud
login-username = User name
login-password = Password
login-domain = Domain
login-submit = Log in
login-signing-in = Logging in…
login-username-required = Enter your user name.
login-password-required = Enter your password.
login-session-expired = Your session has expired. Please log in again.
login-logged-out = You have logged out.

## Shell
shell-skip-to-content = Skip to content
shell-menu = Menu
shell-breadcrumbs = Breadcrumbs
header-project = Project
header-region = Region
header-user-menu = User menu
header-signed-in-as = Signed in as { $user } ({ $domain })
header-logout = Log out
nav-project = Project
nav-admin = Admin
nav-identity = Identity
nav-settings = Settings
nav-overview = Overview
nav-projects = Projects
nav-users = Users
nav-system-info = System information

## Overview
overview-title = Overview
overview-description = Your project, your roles and the services of this region.
overview-project = Project
overview-domain = Domain: { $domain }
overview-roles = Your roles
overview-region = Region
overview-regions-count = { $count ->
    [one] One region in this cloud
   *[other] { $formatted } regions in this cloud
}
overview-session = Session ends
overview-services = Services
overview-services-count = { $count ->
    [0] No services in this region
    [one] One service in this region
   *[other] { $formatted } services in this region
}
overview-service-type = Type
overview-service-name = Name
overview-service-endpoint = Endpoint

## Identity
projects-title = Projects
projects-description = The projects you can work in.
projects-name = Name
projects-domain = Domain
projects-description-column = Description
projects-enabled = Enabled
projects-id = ID
projects-current = current
users-title = Users
users-description = Every user of the cloud.
users-name = Name
users-domain = Domain
users-email = Email
users-enabled = Enabled
users-id = ID

## Admin
system-title = System information
system-description = The services and endpoints registered in the identity service.
system-interface = Interface

## Settings
settings-title = Settings
settings-description = How Zenith shows things to you. Kept in this browser.
settings-language = Language
settings-timezone = Time zone
settings-page-size = Items per page
settings-save = Save
settings-saved = Settings saved.
settings-language-invalid = Choose one of the languages in the list.
settings-timezone-invalid = Choose a time zone from the list.
settings-page-size-invalid = Choose 10, 20, 50, 100 or All items per page.

## Compute: instances
nav-instances = Instances
instances-title = Instances
instances-description = The servers of this project. Rows that are changing state refresh by themselves.
instances-filter-name = Name contains
instances-filter-status = Status
instances-any-status = Any status
instances-filter-apply = Filter
instances-status-invalid = Choose a status from the list.
instances-empty = No instances match.
instances-name = Name
instances-image = Image
instances-addresses = IP addresses
instances-flavor = Flavor
instances-key-pair = Key pair
instances-status = Status
instances-availability-zone = Availability zone
instances-task = Task
instances-power-state = Power state
instances-created = Created
instances-first-page = First page
status-active = Active
status-build = Building
status-shutoff = Shut off
status-paused = Paused
status-suspended = Suspended
status-shelved-offloaded = Shelved
status-verify-resize = Confirm resize
status-reboot = Rebooting
status-error = Error
power-running = Running
power-paused = Paused
power-shutdown = Shut down
power-crashed = Crashed
power-suspended = Suspended
power-nostate = No state

## Common (more)
common-confirm = Confirm
common-cancel = Cancel
common-cannot-undo = This cannot be undone.
common-refresh = Refresh
common-choose = Choose…
age-seconds =
{ $n ->
  [one] 1 second
  *[other] { $n } seconds
  }
age-minutes =
{ $n ->
  [one] 1 minute
  *[other] { $n } minutes
  }
age-hours =
{ $n ->
  [one] 1 hour
  *[other] { $n } hours
  }
age-days =
{ $n ->
  [one] 1 day
  *[other] { $n } days
  }

## Compute: instance list (more)
instances-age = Age
instances-launch = Launch instance
instances-sort-invalid = Choose a column to sort by from the table headings.
instances-select-all = Select all on this page
instances-select-some = Select at least one instance.
instances-locked = Locked
instances-bulk-label = With the selected:
instances-bulk-apply =
{ $count ->
  [0] Apply to selected
  [one] Apply to 1 instance…
  *[other] Apply to { $count } instances…
  }
instances-confirm =
{ $action }: { $count ->
  [one] 1 instance
  *[other] { $count } instances
  }. Go ahead?
instances-action-sent = Done. Nova is working on it; the status updates by itself.
instances-action-conflict = Nova refused: the instance's current state does not allow this. Wait until it settles or choose another action. (Nova: { $message })
status-shelved = Shelved
status-resize = Resizing
status-hard-reboot = Hard rebooting
status-rebuild = Rebuilding
status-deleted = Deleted
task-spawning = Spawning
task-powering-off = Powering off
task-powering-on = Powering on
task-rebooting = Rebooting
task-deleting = Deleting
task-pausing = Pausing
task-unpausing = Unpausing
task-suspending = Suspending
task-resuming = Resuming
task-shelving = Shelving
task-unshelving = Unshelving
task-resize-prep = Preparing resize
task-rebuilding = Rebuilding
task-image-snapshot = Taking a snapshot

## Compute: actions
action-start = Start
action-stop = Shut off
action-reboot = Soft reboot
action-hard-reboot = Hard reboot
action-pause = Pause
action-unpause = Unpause
action-suspend = Suspend
action-resume = Resume
action-shelve = Shelve
action-unshelve = Unshelve
action-lock = Lock
action-unlock = Unlock
action-confirm-resize = Confirm resize
action-revert-resize = Revert resize
action-delete = Delete
action-resize = Resize…
action-rebuild = Rebuild…
action-snapshot = Create snapshot…

## Compute: instance detail
instance-back = All instances
instance-fault = Fault
instance-tabs = Instance views
instance-tab-overview = Overview
instance-tab-console = Console log
instance-tab-log = Action log
instance-id = ID
instance-updated = Updated
instance-locked = Locked
instance-security-groups = Security groups
instance-flavor-size = { $vcpus } vCPU, { $ram } MiB RAM, { $disk } GiB disk
instance-no-addresses = No addresses.
instance-network = Network
instance-address = Address
instance-address-type = Type
instance-mac = MAC address
instance-metadata = Metadata
instance-no-metadata = No metadata.
instance-console-length = Lines to show
instance-console-all = All
instance-console-lines =
{ $count ->
  [one] 1 line
  *[other] { $count } lines
  }
instance-log-action = Action
instance-log-start = Started
instance-log-user = User ID
instance-log-request = Request ID
instance-log-message = Message
instance-confirm = { $action } this instance?
instance-choose-flavor = Choose the flavor to resize to.
instance-choose-image = Choose the image to rebuild from.
instance-snapshot-name-required = Give the snapshot a name.
instance-choose-flavor-label = New flavor
instance-choose-image-label = Image to rebuild from
instance-snapshot-name = Snapshot name

## Compute: key pairs
common-actions = Actions
nav-keypairs = Key pairs
keypairs-title = Key pairs
keypairs-description = SSH keys for logging in to your instances. Key pairs belong to you, not to the project.
keypairs-empty = You have no key pairs yet.
keypair-name = Key pair name
keypair-fingerprint = Fingerprint
keypair-type = Type
keypair-public-key = Public key (OpenSSH format)
keypair-create-title = Create a key pair
keypair-create = Create key pair
keypair-import-title = Import a public key
keypair-import = Import key pair
keypair-imported = Key pair { $name } imported.
keypair-private-key-once = Save the private key now: the cloud does not keep it, and this is the only time it can be downloaded.
keypair-download = Download private key
keypair-name-required = Enter a name for the key pair.
keypair-name-invalid = Use up to 255 letters, digits, spaces and the characters _ - . @ only.
keypair-name-taken = A key pair with this name exists already. Choose another name.
keypair-public-key-invalid = Paste an OpenSSH public key, such as the contents of ~/.ssh/id_ed25519.pub.
keypair-confirm-delete = Delete key pair { $name }? Instances that use it keep working.

## Compute: launch wizard
common-remove = Remove
launch-title = Launch instance
launch-description = Each step is checked as you go; nothing is created until you launch from the summary.
launch-steps = Launch steps
launch-step-details = Details
launch-step-source = Source
launch-step-flavor = Flavor
launch-step-networks = Networks
launch-step-security-groups = Security groups
launch-step-keypair = Key pair
launch-step-configuration = Configuration
launch-step-summary = Summary
launch-submit = Launch
launch-name = Instance name
launch-count = Count
launch-instances-left = The project's quota allows { $count } more.
launch-any-zone = Any availability zone
launch-name-required = Enter a name for the instance.
launch-name-too-long = Use at most 255 characters.
launch-count-invalid = Enter a whole number from 1 to 100.
launch-zone-invalid = Choose an availability zone from the list.
launch-images = Images
launch-snapshots = Instance snapshots
launch-image-needs = needs { $disk } GiB disk, { $ram } MiB RAM
launch-no-images = There are no active images to boot from. Upload one on the Images page.
launch-image-required = Choose an image or snapshot to boot from.
launch-flavor-name = Flavor
launch-flavor-vcpus = vCPUs
launch-flavor-ram = RAM
launch-flavor-disk = Root disk
launch-flavor-note = Why not
launch-flavor-required = Choose a flavor.
launch-flavor-ram-too-small = Too little RAM for the image.
launch-flavor-disk-too-small = Root disk too small for the image.
launch-flavor-over-cores = Would exceed the project's vCPU quota.
launch-flavor-over-ram = Would exceed the project's RAM quota.
launch-no-neutron = This cloud has no networking service, so the instance launches without a network.
launch-no-networks = The project has no networks; the instance launches without one.
launch-no-network = None
launch-networks-help = Choose the networks to attach; the instance gets an address on each.
launch-network-shared = shared
launch-network-required = Choose at least one network from the list.
launch-no-security-groups = This cloud has no networking service, so there are no security groups to choose.
launch-security-groups-help = The instance's traffic is filtered by the rules of the groups you choose.
launch-security-group-unknown = Choose security groups from the list.
launch-no-keypair = No key pair
launch-keypair-unknown = Choose a key pair from the list, or create one below.
launch-user-data = User data (cloud-init)
launch-user-data-file = Or load from a file:
launch-user-data-size = { $bytes } of { $max } bytes
launch-user-data-too-big = User data is too big for Nova. Shorten it or fetch the rest from a URL in the script.
launch-metadata-key = Key
launch-metadata-value = Value
launch-metadata-add = Add metadata
launch-metadata-key-invalid = Every metadata key needs 1 to 255 characters.
launch-metadata-key-twice = A metadata key appears twice. Use each key once.
launch-metadata-value-too-long = Metadata values can have at most 255 characters.

## Compute: images
nav-images = Images
images-title = Images
images-description = Disk images and instance snapshots to boot from. Uploads stream through Zenith to Glance.
images-empty = No images match.
images-all = All
images-name = Name
images-type = Type
images-type-image = Image
images-type-snapshot = Snapshot
images-status = Status
images-visibility = Visibility
visibility-private = Private
visibility-shared = Shared
visibility-community = Community
visibility-public = Public
images-protected = Protected
images-format = Disk format
images-size = Size
images-id = ID
images-owner = Owner (project ID)
images-launch = Launch
images-download = Download
images-back = All images
images-confirm-delete = Delete image { $name }? Instances booted from it keep running.
images-protected-delete = This image is protected. Clear "Protected" on its page first, then delete it.
images-upload-title = Upload an image
images-file = Image file
images-file-required = Choose the file to upload.
images-field-name = Name
images-field-min_disk = Minimum disk (GiB)
images-field-min_ram = Minimum RAM (MiB)
images-upload = Upload
images-upload-progress = Upload progress
images-upload-done = Upload complete. The image is ready to launch.
images-upload-cancelled = Upload cancelled; the unfinished image was removed.
images-name-required = Enter a name for the image.
images-format-invalid = Choose a disk format from the list.
images-visibility-invalid = Choose a visibility from the list.
images-public-admin-only = Only cloud admins can make images public. Choose private, shared or community.
images-size-invalid = Enter a whole number, 0 or more.
images-edit = Edit
images-properties = Properties
images-property-add = Add property
images-property-key-invalid = Property names need 1 to 255 characters and cannot be one of Glance's own fields.
images-save = Save changes
images-saved = Saved.

## Project: quota
quota-title = Quota usage
quota-show-table = Show as table
quota-resource = Resource
quota-used = Used
quota-limit = Limit
quota-unlimited = Unlimited
quota-used-of = { $used } of { $limit } used
quota-used-unlimited = { $used } used, no limit
quota-instances = Instances
quota-vcpus = vCPUs
quota-ram = RAM
quota-keypairs = Key pairs
quota-security-groups = Security groups
quota-floating-ips = Floating IPs

## Settings (more)
settings-page-size-all = All

## Project: usage summary
usage-title = Usage summary
usage-from = From
usage-to = To
usage-submit = Show usage
usage-date-invalid = Enter a date as YYYY-MM-DD.
usage-start-after-end = The start must be on or before the end.
usage-end-in-future = The end cannot be in the future; choose today or earlier.
usage-active = Instances in the period
usage-vcpu-hours = vCPU hours
usage-ram-hours = RAM GiB hours
usage-disk-hours = Disk GiB hours
usage-hours = Hours
usage-state = State
usage-empty = No instances ran in this period.

## Admin → Compute (issue 4)
error-refused = { $message }
nav-all-instances = All instances
nav-flavors = Flavors
nav-hypervisors = Hypervisors
nav-compute-services = Compute services
nav-aggregates = Host aggregates
all-instances-title = All instances
all-instances-description = The servers of every project, with the same actions as a project's own list.
instances-project = Project

flavors-title = Flavors
flavors-description = Every flavor, public and private, with its sizes and extra specs.
flavors-create-title = Create a flavor
flavors-create = Create flavor
flavors-name = Name
flavors-id = ID (optional)
flavors-id-hint = Leave the ID empty and Nova makes a UUID.
flavors-vcpus = vCPUs
flavors-ram = RAM (MiB)
flavors-disk = Root disk (GB)
flavors-ephemeral = Ephemeral disk (GB)
flavors-swap = Swap (MiB)
flavors-rxtx = RX/TX factor
flavors-description-field = Description
flavors-public = Public
flavors-extra-specs = Extra specs
flavors-more-specs = { $count ->
    [one] and one more
   *[other] and { $count } more
}
flavors-name-invalid = Enter a name of 1 to 255 characters.
flavors-id-invalid = An ID may have letters, digits, spaces and "-_." only, up to 255 characters.
flavors-vcpus-invalid = Enter a whole number of vCPUs, at least 1.
flavors-ram-invalid = Enter the RAM in MiB as a whole number, at least 1.
flavors-disk-invalid = Enter the root disk in GB as a whole number (0 or more).
flavors-ephemeral-invalid = Enter the ephemeral disk in GB as a whole number (0 or more).
flavors-swap-invalid = Enter the swap in MiB as a whole number (0 or more).
flavors-rxtx_factor-invalid = Enter an RX/TX factor above 0, such as 1.0.
flavors-description-invalid = The description is too long.
flavors-confirm-delete = Delete the flavor { $name }? No instance uses it.
flavors-confirm-delete-in-use = { $count ->
    [one] Delete the flavor { $name }? One instance still uses it; it keeps running, but cannot be resized back to this flavor:
   *[other] Delete the flavor { $name }? { $count } instances still use it; they keep running, but cannot be resized back to this flavor:
}
flavors-back = Back to flavors
flavors-spec-invalid = Keys and values must be 1 to 255 characters.
flavors-access-title = Project access
flavors-access-description = This flavor is private: only the projects ticked here (and admins) can see and use it.

specs-title = Extra specs
specs-source-cloud = Known keys come from the cloud's metadata definitions (Glance metadefs).
specs-source-builtin = This cloud offers no metadata definitions, so Zenith shows its built-in copy of Glance's.
specs-unset = (not set)
specs-custom = Other keys
specs-key = Key
specs-value = Value
specs-add = Add a key
specs-save = Save extra specs
specs-saved = Extra specs saved.

topology-flavor-title = Guest CPU topology
topology-image-title = Guest CPU topology (image properties)
topology-explain = Nova splits the vCPUs into sockets, cores and threads. It prefers more sockets over more cores, and more cores over more threads, within the maximums; a preferred count moves a topology up the list. The image may only narrow what the flavor allows.
topology-preferred = Preferred
topology-maximum = Maximum
topology-field-cpu_sockets = Sockets
topology-field-cpu_cores = Cores
topology-field-cpu_threads = Threads
topology-field-cpu_max_sockets = Max sockets
topology-field-cpu_max_cores = Max cores
topology-field-cpu_max_threads = Max threads
topology-not-integer = Enter a whole number.
topology-below-one = Enter 1 or more.
topology-above-max = { $max ->
    [one] This is above the maximum of 1 that applies here; lower it or raise the maximum.
   *[other] This is above the maximum of { $max } that applies here; lower it or raise the maximum.
}
topology-above-flavor-max = { $max ->
    [one] The image may not allow more than the flavor's maximum of 1.
   *[other] The image may not allow more than the flavor's maximum of { $max }.
}
topology-preview-image = Preview with an image
topology-preview-flavor = Preview with a flavor
topology-no-image = No image
topology-pick-flavor = Choose a flavor
topology-flavor-alone = This flavor alone
topology-with-image = This flavor with the chosen image
topology-chosen-flavor-alone = The chosen flavor alone
topology-flavor-with-this-image = The chosen flavor with this image
topology-choose = Choose one above to see the preview.
topology-sockets = { $n ->
    [one] 1 socket
   *[other] { $n } sockets
}
topology-cores = { $n ->
    [one] 1 core
   *[other] { $n } cores
}
topology-threads = { $n ->
    [one] 1 thread
   *[other] { $n } threads
}
topology-socket-n = Socket { $n }
topology-none = none
topology-reason-order = Nova takes the first possible topology in its order: the fewest threads, then the most sockets.
topology-reason-no-match = No possible topology matches the preferred counts, so Nova takes the first in its order: the fewest threads, then the most sockets.
topology-reason-score = { $score ->
    [one] It matches 1 of the preferred counts; among the best matches Nova takes the first in its order (fewest threads, then most sockets).
    [3] It matches the preferred topology exactly.
   *[other] It matches { $score } of the preferred counts; among the best matches Nova takes the first in its order (fewest threads, then most sockets).
}
topology-source-image = The image sets a preferred count, which replaces all of the flavor's.
topology-source-flavor = The preference comes from the flavor.
topology-source-dropped = The flavor's preferred counts exceed the limits, so Nova ignores them without a word.
topology-source-none = Neither the flavor nor the image sets a preferred count.
topology-ranked-caption = { $count ->
    [one] The only possible topology
   *[other] All { $count } possible topologies, in Nova's order
}
topology-col-sockets = Sockets
topology-col-cores = Cores
topology-col-threads = Threads
topology-col-matches = Matches
topology-nova-choice = Nova's choice
topology-error-invalid = A value is not a whole number, so Nova refuses to boot with this combination.
topology-error-limits-exceeded = The image's maximums exceed the flavor's, so Nova refuses to boot. Lower the image's maximums or raise the flavor's.
topology-error-topology-exceeded = The image prefers more than the maximums allow, so Nova refuses to boot. Lower the image's preferred counts or raise the maximums.
topology-error-impossible = No split of this many vCPUs fits within the maximums, so the boot fails. Raise a maximum, or use a vCPU count that the maximums can multiply to.
topology-save = Save topology
topology-saved = Topology saved.

hypervisors-title = Hypervisors
hypervisors-description = Capacity per compute host, and the servers on each.
hypervisors-total = All hosts
hypervisors-vcpus = vCPUs
hypervisors-ram = RAM
hypervisors-disk = Disk
hypervisors-used-of = { $used } of { $total } { $unit } used ({ $percent } %)
hypervisors-running = { $count ->
    [one] 1 server running
   *[other] { $count } servers running
}
hypervisors-servers = { $count ->
    [0] No servers
    [one] 1 server
   *[other] { $count } servers
}
service-state-up = up
service-state-down = down
service-status-enabled = enabled
service-status-disabled = disabled

services-title = Compute services
services-description = Nova's services on every host. A disabled compute service takes no new servers.
services-binary = Service
services-host = Host
services-zone = Zone
services-status = Status
services-state = State
services-updated = Last seen
services-reason = Reason for disabling
services-disable = Disable
services-enable = Enable
services-reason-too-long = Keep the reason to 255 characters.

aggregates-title = Host aggregates
aggregates-description = Groups of hosts with metadata; an availability zone makes the group a zone users can pick.
aggregates-create-title = Create a host aggregate
aggregates-create = Create aggregate
aggregates-name = Name
aggregates-zone = Availability zone
aggregates-empty = There are no host aggregates yet.
aggregates-hosts = Hosts
aggregates-add-host = Add host
aggregates-pick-host = Choose a host
aggregates-metadata = Metadata
aggregates-metadata-save = Save metadata
aggregates-confirm-delete = Delete the host aggregate { $name }?
aggregates-name-invalid = Enter a name of 1 to 255 characters.
aggregates-zone-invalid = A zone name has at most 255 characters and no colon.
aggregates-host-required = Choose a host first.
aggregates-metadata-invalid = Keys must not be empty; keys and values have at most 255 characters.
instance-cpu-topology = Guest CPU topology

## Object storage
nav-containers = Containers
common-close = Close
common-save = Save
common-saved = Saved.
common-copy = Copy
common-copied = Copied
containers-title = Containers
containers-description = Swift containers hold your objects: backups, logs, web assets. Open one to browse, upload and download.
containers-create-title = Create a container
containers-create = Create container
containers-name = Name
containers-objects = Objects
containers-bytes = Size
containers-policy = Storage policy
containers-policy-default = Cloud default
containers-policy-is-default = { $name } (default)
containers-policy-fixed = The storage policy cannot be changed after the container is created.
containers-access = Access
containers-public = Public
containers-private = Private
containers-public-create = Public: anyone with the link can read and list it
containers-public-url = Public URL
containers-public-at = Anyone can read this container at
containers-make-public = Make public
containers-make-private = Make private
containers-empty = This project has no containers yet. Create one above.
containers-totals = { $containers } containers, { $objects } objects, { $bytes } in total
containers-confirm-delete = Delete container “{ $name }”?
containers-confirm-delete-full = Container “{ $name }” holds { $objects }. Delete them all, then the container?
storage-object-count = { $count ->
    [one] 1 object
   *[other] { $count } objects
}
containers-emptying = Deleting the container’s objects
containers-not-empty = The container is not empty. Delete its objects first.
containers-metadata-title = Metadata of “{ $name }”
containers-name-required = Enter a container name.
containers-name-slash = A container name cannot contain “/”.
containers-name-too-long = A container name can be at most 256 bytes long.
containers-name-invalid = That container name is not valid: it must be 1 to 256 bytes without “/”.
containers-name-taken = A container with this name already exists. Choose another name.
objects-breadcrumbs = Folder path
objects-filter = Names starting with
objects-filter-apply = Filter
objects-folder-name = New folder
objects-create-folder = Create folder
objects-folder-required = Enter a folder name.
objects-folder-slash = A folder name cannot contain “/”. Open the folder first to make one inside it.
objects-folder = Folder
objects-upload = Upload files
objects-drop-here = or drop files here. They go into the folder shown.
objects-upload-waiting = Waiting
objects-upload-sending = { $sent } of { $total }
objects-upload-done = Uploaded
objects-upload-cancelled = Cancelled
objects-upload-clear = Clear finished uploads
objects-empty = This folder is empty. Upload files or create a folder.
objects-name = Name
objects-size = Size
objects-bytes = ({ $bytes } bytes)
objects-content-type = Content type
objects-modified = Last modified
objects-expires = Deleted automatically at
objects-etag = ETag (MD5)
objects-kind = Kind
objects-large = Large object (segmented)
objects-download = Download
objects-select-all = Select all objects on this page
objects-delete-selected = { $count ->
    [0] Delete selected
    [one] Delete 1 selected object
   *[other] Delete { $count } selected objects
}
objects-confirm-delete = { $count ->
    [one] Delete this object?
   *[other] Delete these { $count } objects?
}
objects-confirm-delete-folder = Delete folder “{ $name }” and everything in it?
objects-deleting = Deleting objects
objects-first-page = First page
objects-name-required = Enter an object name.
objects-name-too-long = An object name can be at most 1024 bytes long.
objects-name-invalid = That object name is not valid: it must be 1 to 1024 bytes.
objects-content-type-invalid = Enter a content type such as text/plain.
objects-copy-title = Copy or move
objects-copy-container = To container
objects-copy-name = New name
objects-copy-name-help = Put a folder path in front to copy into a folder, e.g. archive/report.pdf.
objects-copy = Copy
objects-move = Move
objects-copied = Done.
objects-copy-same = The copy needs another name or container.
objects-copy-container-required = Choose a container.
objects-copy-target-missing = That container does not exist any more. Choose another.
storage-progress = { $done } of { $total }
storage-delete-failed = { $count ->
    [one] 1 object could not be deleted:
   *[other] { $count } objects could not be deleted:
}
storage-metadata = Metadata
storage-meta-key = Key
storage-meta-value = Value
storage-meta-add = Add a row
storage-meta-remove = Remove
storage-meta-key-invalid = A metadata key may hold only letters, digits and “-” (no spaces or “_”), up to 128 characters.
storage-meta-value-invalid = A metadata value can be at most 256 bytes, without line breaks.
storage-meta-key-duplicate = Each metadata key may appear only once.
storage-meta-too-many = At most 90 metadata items are allowed.

## Orchestration (shared)
nav-stacks = Stacks
nav-resource-types = Resource types
nav-template-versions = Template versions
stack-status-text = { $action } { $state }
stack-action-create = Create
stack-action-update = Update
stack-action-delete = Delete
stack-action-suspend = Suspend
stack-action-resume = Resume
stack-action-check = Check
stack-action-rollback = Rollback
stack-action-init = Init
stack-action-adopt = Adopt
stack-action-snapshot = Snapshot
stack-action-restore = Restore
stack-state-in-progress = in progress
stack-state-complete = complete
stack-state-failed = failed

## Orchestration: template tools
resource-types-title = Resource types
resource-types-description = The resource types this cloud's orchestration service supports, with their properties, attributes and a template snippet.
resource-types-list-label = Resource types by namespace
resource-types-filter-label = Filter by name
resource-types-filter-apply = Filter
resource-types-count = { $count ->
    [one] One type
   *[other] { $count } types
}
resource-types-empty = No resource type matches the filter.
resource-types-other = Other
resource-types-choose = Choose a resource type to see its properties, attributes and a template snippet.
resource-types-name-required = Choose a resource type.
resource-types-not-found = This resource type does not exist in this cloud.
resource-types-support = Support status: { $status }
resource-types-support-since = (since { $version })
resource-types-support-deprecated = Deprecated
resource-types-support-unsupported = Unsupported
resource-types-support-hidden = Hidden
resource-types-support-unknown = Unknown
resource-types-properties = Properties
resource-types-no-properties = This type has no properties.
resource-types-property-name = Name
resource-types-property-type = Type
resource-types-property-required = Required
resource-types-property-update = On update
resource-types-property-default = Default
resource-types-property-constraints = Constraints
resource-types-update-in-place = Changed in place
resource-types-update-replace = Replaces the resource
resource-types-update-immutable = Cannot be changed
resource-types-list-item = (each item)
resource-types-attributes = Attributes
resource-types-no-attributes = This type has no attributes.
resource-types-attribute-name = Name
resource-types-attribute-description = Description
resource-types-snippet = HOT snippet
resource-types-snippet-help = A resource of this type with its required properties, to paste under "resources:". Replace the placeholders in angle brackets.
resource-types-allowed-values = One of: { $values }
resource-types-range-between = From { $min } to { $max }
resource-types-range-min = At least { $min }
resource-types-range-max = At most { $max }
resource-types-length-between = Length { $min } to { $max }
resource-types-length-min = Length at least { $min }
resource-types-length-max = Length at most { $max }
resource-types-pattern = Matches the pattern { $pattern }
resource-types-custom = Must be a valid { $name }
template-versions-title = Template versions
template-versions-description = The template formats this cloud accepts, and the functions each one offers.
template-versions-empty = The cloud lists no template versions.
template-versions-version = Version
template-versions-type = Type
template-versions-aliases = Aliases
template-versions-choose = Choose a version to see its functions.
template-versions-functions-title = Functions of { $version }
template-versions-no-functions = This version has no functions.
template-versions-function-name = Function
template-versions-function-description = Description
template-versions-not-found = This template version does not exist in this cloud.

## Orchestration: stack detail and topology
stack-detail-back = ← All stacks
stack-detail-back-to-list = Back to the stack list
stack-detail-deleted = The stack was deleted.
stack-detail-tabs = Stack views
stack-detail-tab-topology = Topology
stack-detail-tab-overview = Overview
stack-detail-tab-resources = Resources
stack-detail-tab-events = Events
stack-detail-tab-outputs = Outputs
stack-detail-tab-template = Template
stack-detail-update = Update
stack-detail-suspend = Suspend
stack-detail-resume = Resume
stack-detail-check = Check
stack-detail-delete = Delete
stack-detail-confirm-delete = Delete the stack { $name } and all of its resources?
stack-detail-suspend-started = Suspend requested.
stack-detail-resume-started = Resume requested.
stack-detail-check-started = Check requested.
stack-detail-delete-started = Delete requested.
stack-detail-update-started = The update has started.
stack-detail-action-unknown = This action is not available for stacks.
stack-detail-id = ID
stack-detail-name = Name
stack-detail-description = Description
stack-detail-status = Status
stack-detail-reason = Status reason
stack-detail-created = Created
stack-detail-updated = Updated
stack-detail-timeout = Timeout
stack-detail-timeout-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
stack-detail-no-timeout = None
stack-detail-rollback = Roll back on failure
stack-detail-parameters = Parameters
stack-detail-no-parameters = This stack has no parameters.
stack-detail-resource-name = Name
stack-detail-resource-type = Type
stack-detail-physical-id = Physical ID
stack-detail-no-resources = This stack has no resources.
stack-detail-member-of = Member of { $group }:
stack-detail-resource-title = Resource { $name }
stack-detail-required-by = Required by
stack-detail-attributes = Attributes
stack-detail-no-attributes = This resource has no attributes.
stack-detail-attribute = Attribute
stack-detail-value = Value
stack-detail-links = Links
stack-detail-no-events = No events yet.
stack-detail-events-newest = Newest events
stack-detail-events-older = Older events
stack-detail-output-key = Output
stack-detail-output-error = Error
stack-detail-no-outputs = This stack has no outputs.
stack-detail-update-title = Update stack
stack-detail-update-help = Edit the template or the parameters. With the template unchanged, only the parameters you change are sent and the others keep their values. Hidden parameters left empty keep their current values.
stack-detail-template = Template
stack-detail-template-required = Enter a template.
stack-detail-hidden-keep = Hidden: leave empty to keep
stack-detail-preview = Preview changes
stack-detail-update-submit = Update stack
stack-detail-preview-title = What the update would change
stack-detail-preview-added = Added
stack-detail-preview-updated = Updated in place
stack-detail-preview-replaced = Replaced
stack-detail-preview-deleted = Deleted
stack-detail-preview-unchanged = Unchanged
stack-detail-preview-none = None
stack-detail-preview-hidden-note = In the preview, hidden parameters left empty take their default values.
topology-graph-title = Stack topology
topology-graph-empty = This stack has no resources.
topology-graph-node = { $name } ({ $type }): { $status }.
topology-graph-depends = Depends on { $names }.
topology-graph-legend = Legend
topology-graph-legend-complete = Complete
topology-graph-legend-progress = In progress
topology-graph-legend-failed = Failed
topology-graph-legend-other = Not created, deleted or other
topology-graph-legend-arrow = Arrows point from a resource to the resources that depend on it.
topology-graph-legend-member = Dashed lines lead from a group to its members.
topology-graph-help = Select a resource to see its details in the Resources tab.

## Orchestration: stacks list, launch wizard, starter gallery
stacks-title = Stacks
stacks-description = Heat stacks: groups of cloud resources made from a template and managed together.
stacks-filter-name = Name
stacks-filter-name-help = The exact stack name.
stacks-filter-status = Status
stacks-any-status = Any status
stacks-status-complete = Complete
stacks-status-failed = Failed
stacks-status-in-progress = In progress
stacks-status-invalid = Choose a status from the list.
stacks-filter-apply = Filter
stacks-starters = Starter templates
stacks-launch = Launch stack
stacks-delete-selected =
    { $count ->
        [0] Delete selected
        [one] Delete 1 stack
       *[other] Delete { $count } stacks
    }
stacks-delete-started =
    { $count ->
        [one] Deleting 1 stack.
       *[other] Deleting { $count } stacks.
    }
stacks-confirm-delete =
    { $count ->
        [one] Delete this stack and every resource it made?
       *[other] Delete these { $count } stacks and every resource they made?
    }
stacks-delete-failed =
    { $count ->
        [one] 1 stack could not be deleted:
       *[other] { $count } stacks could not be deleted:
    }
stacks-empty = No stacks match. Launch one, or start from a starter template.
stacks-select-all = Select all stacks on this page
stacks-name = Name
stacks-status = Status
stacks-created = Created
stacks-updated = Updated
stacks-description-column = Description
stacks-first-page = First page
stacks-delete = Delete
stacks-ago = { $age } ago
launch-stack-title = Launch stack
launch-stack-description = Choose a template, let Heat check it, fill in its parameters, preview the resources, then launch.
launch-stack-step-template = Template
launch-stack-step-validate = Check the template
launch-stack-step-parameters = Parameters
launch-stack-step-stack = Stack
launch-stack-step-preview = Preview
launch-stack-step-launch = Launch
launch-stack-source = Where the template comes from
launch-stack-source-starter = Starter template
launch-stack-source-file = File
launch-stack-source-text = Text
launch-stack-source-url = URL
launch-stack-starter = Starter template
launch-stack-starter-gallery = Browse the starter templates
launch-stack-file = Template file
launch-stack-text-help = Type or paste the template in the editor below.
launch-stack-url = Template URL
launch-stack-url-help = Heat downloads the template from this address; the editor is not used.
launch-stack-editor = Template
launch-stack-editor-help = A HOT or CloudFormation template, in YAML or JSON. You can edit it here.
launch-stack-environment = Environment (optional)
launch-stack-environment-file = Environment file
launch-stack-environment-help = Parameter values and defaults, and resource type mappings, in YAML or JSON.
launch-stack-validate = Validate
launch-stack-validating = Validating…
launch-stack-valid = The template is valid.
launch-stack-stale = The template changed since it was checked. Validate it again.
launch-stack-error-at = Line { $line }, column { $column }: { $message }
launch-stack-error-details = Heat's full message
launch-stack-template-required = Choose, upload, type or link a template first.
launch-stack-validate-first = Validate the template first, so that its parameters can be filled in.
launch-stack-parameters-pending = Validate the template to see its parameters.
launch-stack-no-parameters = This template has no parameters.
launch-stack-other-parameters = Other parameters
launch-stack-name = Stack name
launch-stack-name-help = Starts with a letter; then letters, digits, “_”, “-” and “.”; at most 255 characters.
launch-stack-name-required = Enter a name for the stack.
launch-stack-name-too-long = The stack name can be at most 255 characters long.
launch-stack-name-start = The stack name must start with a letter (a–z or A–Z).
launch-stack-name-chars = The stack name may hold only letters, digits, “_”, “-” and “.” (no spaces).
launch-stack-timeout = Timeout (minutes)
launch-stack-timeout-help = How long Heat may take to create the stack. Leave empty for the cloud's default.
launch-stack-timeout-invalid = The timeout must be a whole number of minutes, at least 1.
launch-stack-rollback = Roll back on failure
launch-stack-rollback-help = If creating a resource fails, delete what was already made.
launch-stack-preview = Preview
launch-stack-preview-help = Lists the resources Heat would create, without creating anything.
launch-stack-preview-empty = The stack would create no resources.
launch-stack-preview-count =
    { $count ->
        [one] 1 resource would be created.
       *[other] { $count } resources would be created.
    }
launch-stack-preview-name = Resource
launch-stack-preview-type = Type
launch-stack-submit = Launch stack
launch-stack-launching = Launching…
launch-param-required = Fill in this parameter: it has no default.
launch-param-not-number = Enter a number.
launch-param-no-keypair = No key pair
starter-title = Starter templates
starter-description = Ready-made templates to launch as they are or to adapt.
starter-back = Back to the stacks
starter-resource-types = Resource types
starter-launch = Launch
starter-view-template = View template
starter-hide-template = Hide template
starter-single-server-title = Single server
starter-single-server-description = One server on an existing network, reachable over SSH and ping, with an optional key pair.
starter-server-with-storage-title = Server with storage
starter-server-with-storage-description = One server with an object storage container for its data and, optionally, a block storage volume.
starter-web-cluster-title = Web cluster
starter-web-cluster-description = Two web servers behind a load balancer, with a database server whose password Heat generates.
launch-stack-check-fields = Correct the fields marked above, then try again.
