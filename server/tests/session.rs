//! The server against the demo cloud, both in this process on random ports:
//! login, the session cookie, the gates, CSRF and the security headers.

use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_SECURITY_POLICY, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

struct Running {
    base: String,
    _demo: democloud::DemoCloud,
    _dir: tempfile::TempDir,
}

async fn demo_cloud(dir: &std::path::Path, token_ttl: Duration) -> democloud::DemoCloud {
    democloud::DemoCloud::start(democloud::Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.join("democloud"),
        token_ttl,
        ..Default::default()
    })
    .await
    .expect("demo cloud")
}

async fn start(token_ttl: Duration) -> Running {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_cloud(dir.path(), token_ttl).await;
    let base = serve(
        &demo.auth_url(),
        dir.path(),
        server::sessions::StoreKind::Memory,
    )
    .await;
    Running {
        base,
        _demo: demo,
        _dir: dir,
    }
}

/// Starts one Zenith replica on a random port; returns its base URL.
async fn serve(
    auth_url: &str,
    dir: &std::path::Path,
    sessions: server::sessions::StoreKind,
) -> String {
    serve_with(auth_url, dir, sessions, false).await
}

async fn serve_with(
    auth_url: &str,
    dir: &std::path::Path,
    sessions: server::sessions::StoreKind,
    secure_cookies: bool,
) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let backend = app::ssr::Backend {
        client: openstack::Client::new(&openstack::ClientOptions::default()).expect("client"),
        auth_url: auth_url.to_string(),
        interface: openstack::Interface::Public,
        region: None,
    };
    let health = app::ssr::health::Sampler::new(backend.client.clone(), Default::default());
    let router = server::router(server::Options {
        backend,
        health,
        site_root: dir.join("site").display().to_string(),
        listen: addr,
        sessions,
        secure_cookies,
        object_segment_size: server::object_data::DEFAULT_SEGMENT_SIZE,
    })
    .await
    .expect("router");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
}

fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("zenith_session="))
        .map(str::to_string)
}

/// Logs in with a plain form post, as a browser without JavaScript would.
async fn login(base: &str, user: &str, password: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut req = client()
        .post(format!("{base}/api/login"))
        .header("Origin", base)
        .header("Accept", "text/html")
        .form(&[
            ("username", user),
            ("password", password),
            ("domain", "Default"),
        ]);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    req.send().await.expect("login request")
}

fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

async fn get(base: &str, path: &str, cookie: &str) -> reqwest::Response {
    client()
        .get(format!("{base}{path}"))
        .header("Cookie", cookie)
        .send()
        .await
        .expect("get")
}

#[tokio::test]
async fn wrong_password_is_a_401_with_a_translatable_error() {
    let r = start(Duration::from_secs(3600)).await;
    let res = client()
        .post(format!("{}/api/login", r.base))
        .header("Origin", &r.base)
        .form(&[
            ("username", "demo"),
            ("password", "nope"),
            ("domain", "Default"),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(
        session_cookie(res.headers()).is_none(),
        "no session for a failed login"
    );
    let body = res.text().await.expect("body");
    assert!(body.contains("InvalidCredentials"), "{body}");
}

#[tokio::test]
async fn missing_fields_are_a_400() {
    let r = start(Duration::from_secs(3600)).await;
    let res = client()
        .post(format!("{}/api/login", r.base))
        .header("Origin", &r.base)
        .form(&[("username", "demo")])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn login_sets_a_safe_cookie_rotates_it_and_opens_the_pages() {
    let r = start(Duration::from_secs(3600)).await;
    let res = login(&r.base, "demo", "demo", None).await;
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(
        res.headers().get(LOCATION).and_then(|v| v.to_str().ok()),
        Some("/project")
    );
    let set = session_cookie(res.headers()).expect("session cookie");
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(!set.contains("Secure"), "{set}");
    let first = cookie_pair(&set);

    let page = get(&r.base, "/project", &first).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers().get(CONTENT_SECURITY_POLICY).is_some());
    let html = page.text().await.expect("html");
    assert!(html.contains("demo"));
    assert!(!html.to_lowercase().contains("x-subject-token"));

    // Logging in again over that session gives it a new id; the old one is dead.
    let again = login(&r.base, "demo", "demo", Some(&first)).await;
    let second = cookie_pair(&session_cookie(again.headers()).expect("new cookie"));
    assert_ne!(first, second);
    let stale = get(&r.base, "/project", &first).await;
    assert_eq!(stale.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        get(&r.base, "/project", &second).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn pages_need_a_login_and_admin_pages_the_admin_role() {
    let r = start(Duration::from_secs(3600)).await;
    let anonymous = get(&r.base, "/project", "").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        anonymous
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some("/login")
    );

    let demo = cookie_pair(
        &session_cookie(login(&r.base, "demo", "demo", None).await.headers()).expect("cookie"),
    );
    let admin_page = get(&r.base, "/admin/system", &demo).await;
    assert_eq!(admin_page.status(), StatusCode::FORBIDDEN);
    // The admin server function refuses too, whatever the page shows.
    let call = client()
        .post(format!("{}/api/admin_endpoints", r.base))
        .header("Origin", &r.base)
        .header("Cookie", &demo)
        .send()
        .await
        .expect("call");
    assert_eq!(call.status(), StatusCode::FORBIDDEN);

    let admin = cookie_pair(
        &session_cookie(login(&r.base, "admin", "admin", None).await.headers()).expect("cookie"),
    );
    assert_eq!(
        get(&r.base, "/admin/system", &admin).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        get(&r.base, "/nowhere", &admin).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let r = start(Duration::from_secs(3600)).await;
    let demo = cookie_pair(
        &session_cookie(login(&r.base, "demo", "demo", None).await.headers()).expect("cookie"),
    );
    let res = client()
        .post(format!("{}/api/logout", r.base))
        .header("Origin", "http://evil.example")
        .header("Cookie", &demo)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        res.headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
    // The session survived.
    assert_eq!(
        get(&r.base, "/project", &demo).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let r = start(Duration::from_secs(3600)).await;
    let demo = cookie_pair(
        &session_cookie(login(&r.base, "demo", "demo", None).await.headers()).expect("cookie"),
    );
    let res = client()
        .post(format!("{}/api/logout", r.base))
        .header("Origin", &r.base)
        .header("Accept", "text/html")
        .header("Cookie", &demo)
        .send()
        .await
        .expect("logout");
    assert!(res.status().is_redirection());
    assert_eq!(
        res.headers().get(LOCATION).and_then(|v| v.to_str().ok()),
        Some("/login?reason=logged_out")
    );
    let after = get(&r.base, "/project", &demo).await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_session_ends_when_the_token_expires() {
    let r = start(Duration::from_secs(2)).await;
    let demo = cookie_pair(
        &session_cookie(login(&r.base, "demo", "demo", None).await.headers()).expect("cookie"),
    );
    assert_eq!(
        get(&r.base, "/project", &demo).await.status(),
        StatusCode::OK
    );
    // Keystone rounds expiry up to the second, so wait past the next one.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let res = get(&r.base, "/project", &demo).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        res.headers().get(LOCATION).and_then(|v| v.to_str().ok()),
        Some("/login?reason=expired")
    );
    // And the session is gone: the next request is simply not logged in.
    let next = get(&r.base, "/project", &demo).await;
    assert_eq!(
        next.headers().get(LOCATION).and_then(|v| v.to_str().ok()),
        Some("/login")
    );
}

/// Two replicas behind a load balancer share sessions through Redis.
#[tokio::test]
async fn replicas_share_sessions_through_redis() {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr").port()
    };
    let redis = std::process::Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(std::process::Stdio::null())
        .spawn();
    let Ok(mut redis) = redis else {
        println!("SKIPPED: redis-server is not installed (scripts/setup --test installs it)");
        return;
    };
    let url = format!("redis://127.0.0.1:{port}");
    for _ in 0..50 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let r = start(Duration::from_secs(3600)).await;
    let store = server::sessions::StoreKind::Redis(url);
    let one = serve(&r._demo.auth_url(), r._dir.path(), store.clone()).await;
    let two = serve(&r._demo.auth_url(), r._dir.path(), store).await;
    let cookie = cookie_pair(
        &session_cookie(login(&one, "demo", "demo", None).await.headers()).expect("cookie"),
    );
    let res = get(&two, "/project", &cookie).await;
    let _ = redis.kill();
    assert_eq!(
        res.status(),
        StatusCode::OK,
        "the second replica knows the session"
    );
}

#[tokio::test]
async fn an_unreachable_keystone_is_a_clear_502_not_a_hang() {
    let closed = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("probe");
        probe.local_addr().expect("addr").port()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let base = serve(
        &format!("http://127.0.0.1:{closed}/v3"),
        dir.path(),
        server::sessions::StoreKind::Memory,
    )
    .await;
    let started = std::time::Instant::now();
    let res = client()
        .post(format!("{base}/api/login"))
        .header("Origin", &base)
        .form(&[
            ("username", "demo"),
            ("password", "demo"),
            ("domain", "Default"),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
    assert!(started.elapsed() < Duration::from_secs(10));
    let body = res.text().await.expect("body");
    assert!(body.contains("Unreachable"), "{body}");
}

#[tokio::test]
async fn secure_cookies_are_marked_secure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = demo_cloud(dir.path(), Duration::from_secs(3600)).await;
    let base = serve_with(
        &demo.auth_url(),
        dir.path(),
        server::sessions::StoreKind::Memory,
        true,
    )
    .await;
    let res = login(&base, "demo", "demo", None).await;
    let set = session_cookie(res.headers()).expect("cookie");
    assert!(set.contains("Secure"), "{set}");
    assert!(res.headers().contains_key("strict-transport-security"));
}
