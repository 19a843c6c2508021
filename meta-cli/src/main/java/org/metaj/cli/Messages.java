package org.metaj.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** One-line messages: long values cut to a readable length, and the reason of a failed file operation. */
final class Messages {
    /** Longest run of characters without a space quoted whole in a message. */
    static final int MAX_TOKEN = 80;
    /** Longest message. */
    static final int MAX_LENGTH = 2000;

    private Messages() {
    }

    /**
     * @param message a message that may quote user input (an unknown option of 10 MB, a huge cell)
     * @return the message on one line, each overlong word cut to {@value #MAX_TOKEN} characters with its length
     *         given, and the whole cut to {@value #MAX_LENGTH}
     */
    static String shorten(String message) {
        if (message == null) {
            return "";
        }
        String m = message.replace('\r', ' ').replace('\n', ' ');
        if (m.length() <= MAX_TOKEN) {
            return m;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < m.length() && b.length() < MAX_LENGTH) {
            int j = m.indexOf(' ', i);
            if (j < 0) {
                j = m.length();
            }
            int len = j - i;
            if (len > MAX_TOKEN) {
                b.append(m, i, i + MAX_TOKEN - 20).append(String.format(Locale.ROOT, "...(%,d characters)", len));
            } else {
                b.append(m, i, j);
            }
            if (j < m.length()) {
                b.append(' ');
            }
            i = j + 1;
        }
        if (i < m.length()) {
            b.append("...");
        }
        return b.toString();
    }

    /** @return why a file operation failed, in words ("permission denied", "no such directory", ...) */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException) {
            String r = ((FileSystemException) e).getReason();
            if (r != null) {
                return r.toLowerCase(Locale.ROOT);
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
