package org.charte.hosting.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.charte.hosting.HostedDatabases;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client's own export of their hosted database, with their customer account's access code and
 * password in the body (no session, no cookie: nothing to forge across sites). Every refusal looks
 * the same; five failures lock the database's client exports for 15 minutes.
 */
@RestController
@RequestMapping("/api/v1/client/hosted-databases")
@Tag(name = "Hosting (client)", description = "A client downloads their hosted database until it is destroyed (R5.5)")
class ClientHostingApi {

    private final HostedDatabases databases;

    ClientHostingApi(HostedDatabases databases) {
        this.databases = databases;
    }

    record ClientLogin(@Nullable @Size(max = 40) String accessCode, @Nullable @Size(max = 128) String password) {

        @Override
        public String toString() {
            return "ClientLogin[hidden]";
        }
    }

    @PostMapping("/{id}/export")
    @Operation(summary = "Download one's hosted database (a zip: one CSV per table and a manifest.json) with the customer account's access code "
            + "and password; refused once destroyed (410) or once destruction is due")
    ResponseEntity<byte[]> export(@PathVariable("id") UUID id, @Valid @RequestBody(required = false) @Nullable ClientLogin login) {
        return HostingApi.zip(databases.exportForClient(id, login == null ? null : login.accessCode(), login == null ? null : login.password()));
    }
}
