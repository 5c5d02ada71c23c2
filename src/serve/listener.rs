//! Accepting connections: HTTP/1.1 with a header deadline, a connection cap, and graceful
//! shutdown (stop accepting, let requests in flight finish).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use super::{router, Config};

/// How long requests in flight may take to finish once shutdown starts.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// A bound, not yet running server.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    config: Config,
}

impl Server {
    /// Binds the listening socket (port 0 picks a free one); serve with [`Server::run`].
    ///
    /// # Errors
    ///
    /// The address cannot be bound (in use, not local, no permission).
    pub async fn bind(config: Config) -> io::Result<Server> {
        let listener = TcpListener::bind(config.listen).await.map_err(|error| {
            io::Error::new(
                error.kind(),
                format!(
                    "cannot listen on {}: {error}; pick another --listen address or port",
                    config.listen
                ),
            )
        })?;
        Ok(Server { listener, config })
    }

    /// The address the server listens on (with the port picked when asked for port 0).
    #[must_use]
    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or(self.config.listen)
    }

    /// Serves until `shutdown` completes, then stops accepting and waits (up to 30 s) for the
    /// requests in flight.
    ///
    /// # Errors
    ///
    /// None today; the result leaves room for listener failures that end serving.
    pub async fn run(self, shutdown: impl Future<Output = ()>) -> io::Result<()> {
        let app = router(&self.config);
        let connections = Arc::new(Semaphore::new(self.config.max_connections.max(1)));
        let graceful = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let accepted = tokio::select! {
                accepted = self.listener.accept() => accepted,
                () = &mut shutdown => break,
            };
            let stream = match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors or a connection reset before accept: wait a moment.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            };
            let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
                drop(stream);
                continue;
            };
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(self.config.header_timeout)
                .serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
            let watched = graceful.watch(connection);
            tokio::spawn(async move {
                // A client that goes away mid-request is not the server's error.
                let _ = watched.await;
                drop(permit);
            });
        }
        drop(self.listener);
        tokio::select! {
            () = graceful.shutdown() => {}
            () = tokio::time::sleep(SHUTDOWN_GRACE) => {}
        }
        Ok(())
    }
}

/// A future that completes on Ctrl-C, or on SIGTERM on Unix. The handlers are installed when
/// this is called (inside a Tokio runtime), so a signal that arrives before the future is first
/// polled is not lost: call it before announcing that the server is up.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt()).ok();
        let terminate = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |signal: Option<tokio::signal::unix::Signal>| async move {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {}
                () = wait(terminate) => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
