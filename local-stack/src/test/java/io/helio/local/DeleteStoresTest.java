package io.helio.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteStoresTest {

    @Test
    void aStoppedStacksDatabasesAndSpillGoAndItsLogsStay(@TempDir Path folder) throws Exception {
        for (String store : new String[] {"postgres/base/1", "influxdb/data/bench/autogen", "spill"}) {
            Path nested = Files.createDirectories(folder.resolve(store));
            Files.writeString(nested.resolve("file"), "data");
        }
        Path log = Files.createDirectories(folder.resolve("logs")).resolve("platform.log");
        Files.writeString(log, "kept");
        Path recording = Files.writeString(folder.resolve("platform.jfr"), "kept");

        LocalStack.deleteStores(folder);

        assertThat(folder.resolve("postgres")).doesNotExist();
        assertThat(folder.resolve("influxdb")).doesNotExist();
        assertThat(folder.resolve("spill")).doesNotExist();
        assertThat(log).hasContent("kept");
        assertThat(recording).hasContent("kept");
    }

    @Test
    void aFolderWithoutStoresIsLeftAsItIs(@TempDir Path folder) throws Exception {
        LocalStack.deleteStores(folder);

        assertThat(folder).isEmptyDirectory();
    }
}
