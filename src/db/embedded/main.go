// Command pandu-ferretdb runs FerretDB 1.24 (embedded package) as a child of the Pandu process.
//
// Why a wrapper and not the upstream binary: `go install .../cmd/ferretdb@v1.24.2` panics at
// start-up because the published module lacks build/version/version.txt; the embeddable package
// skips that check.
//
// build.ts builds it against a copy of the module with ferretdb-v1.24.2.patch applied (through a
// `replace`), so that equality lookups use FerretDB's indexes; see the patch for what it changes.
//
// It listens on a Unix socket when given one (what Pandu does: a command costs the client and the
// server less than over loopback TCP, and no other user of the machine can connect), else on a
// loopback TCP port. It prints one line "ready <mongodb uri>" on stdout once it accepts
// connections, and exits when its standard input closes, so it never outlives the process that
// started it (even after a SIGKILL of the parent, the pipe closes).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	handler := flag.String("handler", "sqlite", "storage: sqlite or postgresql")
	listen := flag.String("listen", "127.0.0.1:0", "loopback host:port to listen on (port 0 picks a free one)")
	listenUnix := flag.String("listen-unix", "", "Unix socket to listen on instead of TCP, in a folder of its own")
	dataDir := flag.String("data-dir", "", "directory for the sqlite storage")
	// SQLite's own default (full) syncs the log to disk at every commit. "off" is for databases
	// thrown away afterwards (the test suite's), where those syncs were a tenth of the server's CPU.
	sqliteSync := flag.String("sqlite-synchronous", "full", "SQLite's synchronous setting: full, normal or off")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL for the postgresql storage (also read from FERRETDB_POSTGRESQL_URL)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	// For diagnosis only (where the database spends its CPU): Go's profiler on a loopback address.
	pprofAddr := flag.String("pprof", os.Getenv("PANDU_FERRETDB_PPROF"), "loopback host:port for net/http/pprof (off when empty)")
	flag.Parse()

	if *pprofAddr != "" {
		host, _, err := net.SplitHostPort(*pprofAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			fmt.Fprintln(os.Stderr, "pandu-ferretdb: -pprof must be a loopback host:port")
			os.Exit(1)
		}
		go func() { _ = http.ListenAndServe(*pprofAddr, nil) }()
	}

	if err := run(*handler, *listen, *listenUnix, *dataDir, *sqliteSync, *pgURL, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "pandu-ferretdb:", err)
		os.Exit(1)
	}
}

func run(handler, listen, listenUnix, dataDir, sqliteSync, pgURL, logLevel string) error {
	listener := ferretdb.ListenerConfig{Unix: listenUnix}
	if listenUnix == "" {
		host, _, err := net.SplitHostPort(listen)
		if err != nil {
			return fmt.Errorf("bad -listen %q: %w", listen, err)
		}
		// Never expose the database beyond this machine.
		if !isLoopback(host) {
			return fmt.Errorf("-listen must be a loopback address, got %q", host)
		}
		listener.TCP = listen
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{Listener: listener, Logger: logger, Handler: handler}
	switch handler {
	case "sqlite":
		if dataDir == "" {
			return fmt.Errorf("-data-dir is required for the sqlite storage")
		}
		abs, err := filepath.Abs(dataDir)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(abs, 0o700); err != nil {
			return err
		}
		switch sqliteSync {
		case "full", "normal", "off":
		default:
			return fmt.Errorf("bad -sqlite-synchronous %q (full, normal or off)", sqliteSync)
		}
		cfg.SQLiteURL = "file:" + abs + "/?_pragma=synchronous(" + sqliteSync + ")"
	case "postgresql":
		if pgURL == "" {
			pgURL = os.Getenv("FERRETDB_POSTGRESQL_URL")
		}
		if pgURL == "" {
			return fmt.Errorf("-postgresql-url is required for the postgresql storage")
		}
		cfg.PostgreSQLURL = withoutLocalTLS(pgURL)
	default:
		return fmt.Errorf("unknown -handler %q (sqlite or postgresql)", handler)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// The parent holds our stdin; EOF means it is gone.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI waits for the listener, so it doubles as the readiness signal.
	fmt.Fprintf(os.Stdout, "ready %s\n", f.MongoDBURI())

	err = <-done
	// The socket's folder was made for this server alone (launch.ts): leave nothing behind, even
	// when the parent was killed. Remove refuses a folder that is not empty.
	if listenUnix != "" {
		_ = os.Remove(listenUnix)
		_ = os.Remove(filepath.Dir(listenUnix))
	}
	return err
}

// withoutLocalTLS turns TLS off for a PostgreSQL on this machine unless the URL asks for it.
//
// pgx's default (sslmode=prefer) encrypts whenever the server offers TLS, as Debian's does, yet
// it checks no certificate, so on a loopback address it protects nothing; under load, TLS writes
// were an eighth of FerretDB's CPU (Go's profiler). Any other host, or an explicit sslmode, is
// left exactly as given.
func withoutLocalTLS(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return raw // FerretDB reports what is wrong with it
	}
	q := u.Query()
	if q.Has("sslmode") || q.Has("host") {
		return raw
	}
	if !isLoopback(u.Hostname()) {
		return raw
	}
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}

// isLoopback reports whether host names this machine: "localhost" or a loopback address.
func isLoopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}
