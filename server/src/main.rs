use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use server::cli::{Cli, Command, DemoArgs};
use server::{cloud, telemetry, Options, ServerError};

#[tokio::main]
async fn main() -> ExitCode {
    telemetry::init();
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Democloud { listen }) => run_democloud(listen, &cli.demo).await,
        None => run_dashboard(cli).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zenith: {e}");
            ExitCode::FAILURE
        }
    }
}

fn demo_options(listen: SocketAddr, args: &DemoArgs) -> cloud::DemoOptions {
    cloud::DemoOptions {
        listen,
        data_dir: args.data_dir(),
        admin_password: args.admin_password.clone(),
        demo_password: args.demo_password.clone(),
        token_ttl: Duration::from_secs(args.token_ttl),
        build_delay: Duration::from_millis(args.build_delay_ms),
        faults: args.faults.clone(),
    }
}

async fn run_dashboard(cli: Cli) -> Result<(), ServerError> {
    let cloud = cloud::resolve(
        cli.cloud.as_deref(),
        demo_options(cli.democloud_listen, &cli.demo),
    )
    .await?;
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|source| ServerError::Listen {
            addr: cli.listen,
            source,
        })?;
    let interval = Duration::from_secs(cli.health_interval);
    let health = app::ssr::health::Sampler::start(
        cloud.backend.client.clone(),
        app::ssr::health::SamplerConfig {
            interval,
            // A probe never outlives its interval, so rounds do not pile up.
            timeout: interval.min(Duration::from_secs(5)),
            persist: cli
                .health_persist
                .then(|| cli.demo.data_dir().join("health-timeline.jsonl")),
            ..Default::default()
        },
        &cloud.backend.auth_url,
    );
    let app = server::router(Options {
        backend: cloud.backend.clone(),
        health,
        site_root: cli.site_root,
        listen: cli.listen,
        sessions: cli.session_store,
        secure_cookies: cli.secure_cookies,
        object_segment_size: cli.object_segment_size,
    })
    .await?;

    println!("Zenith is running at http://{}", cli.listen);
    match &cloud.demo {
        Some(demo) => {
            println!(
                "It uses the built-in demo cloud (identity at {}).",
                demo.auth_url()
            );
            println!(
                "Log in as  admin / {}  (administrator)",
                demo.admin_password()
            );
            println!(
                "       or  demo / {}  (projects demo and alt_demo)",
                demo.demo_password()
            );
        }
        None => println!("It uses the cloud at {}.", cloud.backend.auth_url),
    }
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    if let Some(demo) = cloud.demo {
        demo.shutdown().await;
    }
    Ok(())
}

async fn run_democloud(listen: SocketAddr, args: &DemoArgs) -> Result<(), ServerError> {
    let opts = demo_options(listen, args);
    let clouds_yaml = opts.data_dir.join("clouds.yaml");
    let demo = democloud::DemoCloud::start(democloud::Config {
        listen: opts.listen,
        data_dir: opts.data_dir.clone(),
        admin_password: opts.admin_password,
        demo_password: opts.demo_password,
        token_ttl: opts.token_ttl,
        build_delay: opts.build_delay,
        faults: opts.faults,
    })
    .await?;
    demo.write_clouds_yaml(&clouds_yaml)?;
    println!("The demo cloud is running.");
    println!("  auth URL:  {}", demo.auth_url());
    println!(
        "  admin:     admin / {}  (project admin, domain Default)",
        demo.admin_password()
    );
    println!(
        "  demo:      demo / {}  (projects demo and alt_demo, domain Default)",
        demo.demo_password()
    );
    println!("  clouds.yaml written to {}", clouds_yaml.display());
    println!(
        "Try:  OS_CLIENT_CONFIG_FILE={} openstack --os-cloud democloud-demo token issue",
        clouds_yaml.display()
    );
    shutdown_signal().await;
    demo.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
