package fr.picloud.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code .picloud/local-stack.pid}: how {@code picloud down} and {@code status} find the running stack. */
public final class PidFile {

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    /** The stack's JVM, if the file names one that still runs (a stale file from a killed stack names none). */
    public Optional<ProcessHandle> runningStack() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info()
                            .commandLine()
                            .map(line -> line.contains("local-stack"))
                            .orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Records this JVM as the running stack; refuses when another stack runs. */
    public void claim() {
        runningStack().ifPresent(other -> {
            throw new IllegalStateException("the local stack already runs (pid " + other.pid()
                    + "): stop it with ./picloud down, or see ./picloud status");
        });
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes the file if it still names this JVM. */
    public void release() {
        try {
            if (Files.isRegularFile(file)
                    && Files.readString(file)
                            .trim()
                            .equals(String.valueOf(ProcessHandle.current().pid()))) {
                Files.delete(file);
            }
        } catch (IOException e) {
            // a stale pid file is recognised as such by the next command
        }
    }
}
