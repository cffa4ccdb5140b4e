package org.charte.access.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.charte.access.StaffDirectory;
import org.charte.access.StaffMember;
import org.charte.common.Ids;
import org.charte.policy.Policy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

@Service
class StaffAccounts implements StaffDirectory, UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final Policy policy;
    private final Ids ids;
    private final Clock clock;

    StaffAccounts(JdbcClient jdbc, PasswordEncoder passwords, Policy policy, Ids ids, Clock clock) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public StaffMember create(String login, String displayName, String role, String password) {
        if (policy.role(role).isEmpty()) {
            throw new IllegalArgumentException("role '" + role + "' is not a role of the policy");
        }
        if (find(login).isPresent()) {
            throw new IllegalArgumentException("login '" + login + "' is taken");
        }
        UUID id = ids.next();
        jdbc.sql("INSERT INTO staff_account (id, login, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(id, login, displayName, role, passwords.encode(password), clock.instant().atOffset(ZoneOffset.UTC))
                .update();
        return new StaffMember(id, login, displayName, role);
    }

    @Override
    public Optional<StaffMember> find(String login) {
        return jdbc.sql("SELECT id, login, display_name, role FROM staff_account WHERE login = ?").param(login)
                .query((rs, n) -> new StaffMember(rs.getObject("id", UUID.class), rs.getString("login"),
                        rs.getString("display_name"), rs.getString("role")))
                .optional();
    }

    @Override
    public List<StaffMember> all() {
        return jdbc.sql("SELECT id, login, display_name, role FROM staff_account ORDER BY login")
                .query((rs, n) -> new StaffMember(rs.getObject("id", UUID.class), rs.getString("login"),
                        rs.getString("display_name"), rs.getString("role")))
                .list();
    }

    @Override
    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM staff_account").query(Long.class).single();
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        return jdbc.sql("SELECT login, role, password_hash FROM staff_account WHERE login = ?").param(login)
                .query((rs, n) -> User.withUsername(rs.getString("login"))
                        .password(rs.getString("password_hash"))
                        .authorities(new SimpleGrantedAuthority("ROLE_" + rs.getString("role").toUpperCase(java.util.Locale.ROOT).replace('-', '_')))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
    }
}
