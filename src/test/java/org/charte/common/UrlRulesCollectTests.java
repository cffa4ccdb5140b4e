package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class UrlRulesCollectTests {

    @Test
    @DisplayName("R8.3 a module's doors are kept in the order it declares them, the specific before the general")
    void declaredOrderIsKept() {
        UrlRules rules = registry -> {
            registry.paths(HttpMethod.GET, "/api/v1/things/public").anyone();
            registry.paths(HttpMethod.GET, "/api/v1/things/**").roles("DPO").orToken("things:read");
            registry.paths("/api/v1/things/**").roles("DPO");
            registry.paths("/api/v1/stuff/**").signedIn().orToken("stuff:write");
        };
        List<UrlRules.Rule> collected = UrlRules.collect(List.of(rules));
        assertThat(collected).extracting(UrlRules.Rule::patterns)
                .containsExactly(List.of("/api/v1/things/public"), List.of("/api/v1/things/**"), List.of("/api/v1/things/**"),
                        List.of("/api/v1/stuff/**"));
        assertThat(collected).extracting(UrlRules.Rule::who).containsExactly(UrlRules.Who.ANYONE, UrlRules.Who.ROLES,
                UrlRules.Who.ROLES, UrlRules.Who.SIGNED_IN);
        assertThat(collected.get(1).method()).isEqualTo(HttpMethod.GET);
        assertThat(collected.get(2).method()).isNull();
        assertThat(collected).extracting(UrlRules.Rule::module).containsOnly("common");
    }

    @Test
    @DisplayName("R8.3 a door for roles lets a token in only when it says so: with the scope, and the same roles unless others are named")
    void tokensOnlyWhenDeclared() {
        UrlRules rules = registry -> {
            registry.paths("/a").roles("DPO");
            registry.paths("/b").roles("DPO").orToken("b:read");
            registry.paths("/c").roles("DPO").orToken("c:write", "DPO", "ADV");
        };
        List<UrlRules.Rule> collected = UrlRules.collect(List.of(rules));
        assertThat(collected.get(0).scope()).isNull();
        assertThat(collected.get(1).scope()).isEqualTo("b:read");
        assertThat(collected.get(1).tokenRoles()).containsExactly("DPO");
        assertThat(collected.get(2).roles()).containsExactly("DPO");
        assertThat(collected.get(2).tokenRoles()).containsExactly("DPO", "ADV");
        assertThatThrownBy(() -> UrlRules.collect(List.of(registry -> registry.paths("/d").signedIn().orToken("d:read", "DPO"))))
                .isInstanceOf(IllegalStateException.class);
    }
}
