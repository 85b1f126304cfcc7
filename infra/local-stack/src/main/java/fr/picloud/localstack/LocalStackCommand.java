package fr.picloud.localstack;

import fr.picloud.localstack.LocalStack.StackFailure;
import fr.picloud.localstack.issuer.IssuerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The entry point of the local-stack jar, run by the {@code picloud} script: {@code up}, {@code down},
 * {@code token ACCOUNT}, {@code status}, {@code help}. Only {@code up} starts anything; the other
 * commands are short-lived clients of the running stack.
 */
public final class LocalStackCommand {

    private static final Duration DOWN_TIMEOUT = Duration.ofMinutes(2);

    private final StackHome home;
    private final PrintStream out;
    private final PrintStream err;

    private LocalStackCommand(StackHome home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        StackHome home = StackHome.fromEnvironment();
        configureLogging(command, home);
        LocalStackCommand cli = new LocalStackCommand(home, System.out, System.err);
        int exitCode = switch (command) {
            case "up" -> cli.up(args);
            case "down" -> cli.down();
            case "token" -> cli.token(args);
            case "seed-catalog" -> cli.seedCatalog(args);
            case "seed-portfolio" -> cli.seedPortfolio(args);
            case "demo" -> fr.picloud.localstack.demo.DemoStory.run(System.out);
            case "status" -> cli.status();
            case "help", "-h", "--help" -> cli.help(0);
            default -> {
                cli.err.println("unknown command: " + command);
                yield cli.help(2);
            }
        };
        System.exit(exitCode);
    }

    /** Before any logger exists: {@code up} logs to a file, the other commands leave that file alone. */
    private static void configureLogging(String command, StackHome home) {
        System.setProperty("picloud.logs", home.logs().toString());
        System.setProperty("logback.configurationFile", command.equals("up") ? "logback-up.xml" : "logback-cli.xml");
        // Kafka and the issuer share this JVM: Boot must not reconfigure logging when the issuer starts
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private int up(String[] args) {
        boolean fresh = List.of(args).contains("--fresh");
        if (args.length > (fresh ? 2 : 1)) {
            err.println("usage: picloud up [--fresh]");
            return 2;
        }
        if (fresh) {
            if (new PidFile(home.pidFile()).runningStack().isPresent()) {
                err.println("The local stack is running: stop it first (./picloud down), then ./picloud up --fresh.");
                return 1;
            }
            try {
                home.forgetState();
            } catch (IOException e) {
                err.println("could not delete " + home.display(home.state()) + ": " + e.getMessage());
                return 1;
            }
            out.println("Starting afresh: deleted the databases, the broker's topics, the cloud and the keys in "
                    + home.display(home.state()) + " (the logs stay).");
        }
        LocalStack stack;
        try {
            stack = LocalStack.standard(home, System.getenv(), out);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        PidFile pidFile = new PidFile(home.pidFile());
        try {
            pidFile.claim();
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("Stopping the local stack...");
                            stack.stop();
                            pidFile.release();
                            out.println("Local stack stopped.");
                        },
                        "local-stack-stop"));
        out.println(
                "Starting the PI Cloud local stack in " + home.root() + " (logs in " + home.display(home.logs()) + ")");
        try {
            stack.up();
        } catch (StackFailure e) {
            err.println("The local stack could not start:");
            e.getMessage().lines().forEach(line -> err.println("  " + line));
            return 1;
        }
        double seconds = (System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime())
                / 1000.0;
        out.println();
        stack.describe(out::println);
        out.println();
        out.printf("All up in %.1f s. Stop with Ctrl-C or ./picloud down.%n", seconds);
        try {
            // runs until Ctrl-C or `picloud down`: the shutdown hook stops the stack
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private int down() {
        Optional<ProcessHandle> stack = new PidFile(home.pidFile()).runningStack();
        if (stack.isEmpty()) {
            out.println("The local stack is not running.");
            return 0;
        }
        ProcessHandle process = stack.get();
        out.println("Stopping the local stack (pid " + process.pid() + ")...");
        process.destroy();
        try {
            process.onExit().get(DOWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            out.println("Local stack stopped.");
            return 0;
        } catch (Exception e) {
            err.println("The local stack (pid " + process.pid() + ") did not stop within " + DOWN_TIMEOUT.toSeconds()
                    + " s; see " + home.display(home.logs()));
            return 1;
        }
    }

    private int token(String[] args) {
        if (args.length != 2) {
            err.println("usage: picloud token ACCOUNT");
            return 2;
        }
        try {
            out.println(new IssuerClient(LocalStack.standardIssuer()).mint(args[1]));
            return 0;
        } catch (IOException e) {
            err.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int seedCatalog(String[] args) {
        Path feed = args.length > 1 ? Path.of(args[1]) : CatalogSeeder.DEMO_CATALOG;
        try {
            var response = CatalogSeeder.seed(feed);
            out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            err.println("could not seed the catalogue from " + feed + ": " + e.getMessage()
                    + " (is the stack up? ./picloud up)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int seedPortfolio(String[] args) {
        Path inventory = args.length > 1 ? Path.of(args[1]) : null;
        try {
            var response = PortfolioSeeder.seed(inventory);
            out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            err.println("could not load the portfolio" + (inventory == null ? "" : " from " + inventory) + ": "
                    + e.getMessage() + " (is the stack up? ./picloud up)");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int status() {
        Optional<ProcessHandle> running = new PidFile(home.pidFile()).runningStack();
        out.println(running.map(process -> "Local stack running (pid " + process.pid() + ")")
                .orElse("Local stack not running"));
        boolean allUp = true;
        for (LocalComponent component :
                LocalStack.standard(home, System.getenv(), out).components()) {
            boolean up = component.isUp();
            allUp &= up;
            String where = component.endpoints().isEmpty()
                    ? ""
                    : component.endpoints().getFirst().address();
            out.printf("  %-22s %-5s %s%n", component.name(), up ? "UP" : "DOWN", where);
        }
        return running.isPresent() && allUp ? 0 : 1;
    }

    private int help(int exitCode) {
        out.println("""
                usage: ./picloud COMMAND

                  up [--fresh]   build what is stale, then start Kafka, PostgreSQL, the token issuer, the
                                 OpenStack emulator and the services in the foreground; Ctrl-C stops
                                 everything; --fresh first forgets all the state of .picloud/ (not the logs)
                  down           stop the running stack
                  token ACCOUNT  print a bearer token for a demo account (the stack must be up)
                  seed-catalog [FILE]  load a provider feed (JSON lines or .csv) into the catalogue,
                                 by default the demo catalogue; idempotent
                  seed-portfolio [FILE]  load an application inventory (.csv or JSON array) into
                                 migration-service, by default the 420-application sample; idempotent
                  demo           against a running stack: seed, then tell the platform's story step
                                 by step; exits non-zero if any step did not behave as told
                  status         show what is running
                  help           this text

                State and logs live in .picloud/ (up --fresh, or deleting it, starts afresh); see docs/local-stack.md.
                The token issuer is a development tool: never deploy it.""");
        return exitCode;
    }
}
