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
settings-page-size-invalid = Choose 10, 20, 50 or 100 items per page.

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
