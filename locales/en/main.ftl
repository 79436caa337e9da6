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
