#!/usr/bin/env bash
# The local mail world for the demo and the tests: Postfix (SMTP 127.0.0.1:10025) hands every
# `*.test` domain to Dovecot LMTP (10024), which files into Maildirs read over IMAP (10143).
# Anything else is refused: nothing ever leaves this machine.
#
#   mailworld.sh start            start both daemons (idempotent)
#   mailworld.sh stop             stop them
#   mailworld.sh status           exit 0 when both answer
#   mailworld.sh adduser ADDRESS [PASSWORD]   add a mailbox (Dovecot re-reads the file)
#   mailworld.sh empty ADDRESS...  expunge every message of these mailboxes (a demo run
#                                  starts with no mail of the runs before it)
#   mailworld.sh env              print the connection settings as shell assignments
#
# Everything lives under $AUDITOR_MAIL_DIR (default /tmp/auditor-mail): every parent of it must
# be o+x for Postfix, which is why it is not under pytest's tmp_path.
set -euo pipefail

ROOT="${AUDITOR_MAIL_DIR:-/tmp/auditor-mail}"
SMTP_PORT="${AUDITOR_MAIL_SMTP_PORT:-10025}"
LMTP_PORT="${AUDITOR_MAIL_LMTP_PORT:-10024}"
IMAP_PORT="${AUDITOR_MAIL_IMAP_PORT:-10143}"
PASSWORD="${AUDITOR_MAIL_PASSWORD:-haslo-testowe}"
PF="$ROOT/postfix"
DC="$ROOT/dovecot"
LOG="$ROOT/log"
MAIL="$ROOT/mail"

# Demo and test mailboxes: mystery clients (personas), participants' offices, and clerks.
USERS=(
    anna.kowalska@poczta-mieszkanca.test
    piotr.nowak@poczta-mieszkanca.test
    katarzyna.wisniewska@skrzynka-domowa.test
    tomasz.lewandowski@skrzynka-domowa.test
    sekretariat@gmina-przykladowo.test
    urzad@gmina-zielonka.test
    biuro@sm-jutrzenka.test
    bok@wodociagi-rzeczne.test
    kancelaria@starostwo-lesne.test
    biuro@wspolnota-lipowa.test
    urlop@gmina-urlopowo.test
)
VACATION_USER="urlop@gmina-urlopowo.test"

die() { echo "mailworld: $*" >&2; exit 1; }

port_busy() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

postfix_running() { postfix -c "$PF" status >/dev/null 2>&1; }

dovecot_running() {
    [ -f "$ROOT/run/dovecot/master.pid" ] && kill -0 "$(cat "$ROOT/run/dovecot/master.pid")" 2>/dev/null
}

need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (Postfix and Dovecot drop privileges themselves)"; }

ensure_vmail() {
    if ! id vmail >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin vmail
    fi
}

add_user() {  # address password
    local addr="$1" pw="$2" file="$DC/users"
    touch "$file"
    if ! grep -q "^${addr}:" "$file"; then
        echo "${addr}:{PLAIN}${pw}::::::" >>"$file"
    fi
}

write_vacation_script() {
    local user="${VACATION_USER%@*}" domain="${VACATION_USER#*@}"
    local home="$MAIL/$domain/$user"
    mkdir -p "$home/sieve"
    cat >"$home/sieve/urlop.sieve" <<'EOF'
require ["vacation", "vacation-seconds"];
vacation :seconds 0 :subject "Automatyczna odpowiedź: nieobecność w biurze"
"Dzień dobry,

jestem nieobecna w biurze do poniedziałku. W pilnych sprawach proszę dzwonić
pod numer 22 123 45 67.

Z poważaniem
Ewa Urlopowa
Urząd Gminy Urlopowo";
EOF
    ln -sfn sieve/urlop.sieve "$home/.dovecot.sieve"
    chown -R vmail:vmail "$home"
}

write_config() {
    # The queue lives outside Postfix's config directory, whose contents must be root's.
    mkdir -p "$ROOT/postfix-queue" "$ROOT/postfix-data" "$PF" "$DC" "$LOG" "$MAIL" "$ROOT/run" "$ROOT/state"
    chmod 755 "$ROOT" "$PF" "$DC" "$ROOT/run" "$ROOT/state"
    chmod 1777 "$LOG"
    chown postfix "$ROOT/postfix-data"
    chown vmail:vmail "$MAIL"
    local vuid vgid
    vuid="$(id -u vmail)"
    vgid="$(id -g vmail)"

    # Every *.test domain is ours; nothing else is.
    printf '/\\.test$/ OK\n' >"$PF/local_domains"
    # A temporary refusal to test retries: any address starting "pelna-skrzynka" gets a 4xx.
    printf '/^pelna-skrzynka/ 452 4.2.2 Mailbox full, try again later\n' >"$PF/recipient_access"

    cat >"$PF/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $ROOT/postfix-queue
data_directory = $ROOT/postfix-data
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
shlib_directory = /usr/lib/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.auditor-mail.test
mydomain = auditor-mail.test
myorigin = \$myhostname
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
alias_maps =
alias_database =
local_recipient_maps =
append_dot_mydomain = no
biff = no
smtputf8_enable = no
virtual_mailbox_domains = regexp:$PF/local_domains
virtual_transport = lmtp:inet:127.0.0.1:$LMTP_PORT
# Accept unknown users at SMTP time so Dovecot's LMTP 550 becomes a real DSN bounce.
smtpd_reject_unlisted_recipient = no
relay_domains =
default_transport = error:5.7.1 this test world delivers to *.test only
relay_transport = error:5.7.1 this test world delivers to *.test only
# No permit_mynetworks: loopback must never be an open relay.
smtpd_relay_restrictions = reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access regexp:$PF/recipient_access, reject_unauth_destination
maillog_file = $LOG/postfix.log
maillog_file_prefixes = $LOG
delay_warning_time = 0h
bounce_queue_lifetime = 1h
maximal_queue_lifetime = 1h
queue_run_delay = 30s
minimal_backoff_time = 30s
EOF

    cat >"$PF/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF

    cat >"$DC/dovecot.conf" <<EOF
base_dir = $ROOT/run/dovecot
state_dir = $ROOT/state/dovecot
log_path = $LOG/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$MAIL/%d/%n/Maildir
mail_uid = $vuid
mail_gid = $vgid
first_valid_uid = $vuid
last_valid_uid = $vuid
default_login_user = dovenull
default_internal_user = dovecot
mail_max_userip_connections = 200
postmaster_address = postmaster@auditor-mail.test
hostname = mx.auditor-mail.test
submission_host = 127.0.0.1:$SMTP_PORT
recipient_delimiter =

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DC/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $DC/users
  default_fields = uid=$vuid gid=$vgid home=$MAIL/%d/%n
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0600
    user = vmail
  }
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}
plugin {
  sieve = file:~/sieve;active=~/.dovecot.sieve
  sieve_extensions = +vacation-seconds
  sieve_vacation_min_period = 0
  sieve_vacation_default_period = 0
  sieve_vacation_send_from_recipient = yes
}
EOF

    for addr in "${USERS[@]}"; do add_user "$addr" "$PASSWORD"; done
    chmod 644 "$DC/users"
    write_vacation_script
}

wait_port() {  # port seconds
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        port_busy "$1" && return 0
        sleep 0.1
    done
    return 1
}

start() {
    need_root
    ensure_vmail
    if postfix_running && dovecot_running; then
        write_config   # refresh users and config; both daemons pick up users without restart
        return 0
    fi
    # Another program on our ports would silently share connections (Postfix SO_REUSEPORT).
    if ! dovecot_running; then
        for p in "$LMTP_PORT" "$IMAP_PORT"; do
            port_busy "$p" && die "port $p is taken by another program"
        done
    fi
    if ! postfix_running; then
        port_busy "$SMTP_PORT" && die "port $SMTP_PORT is taken by another program"
    fi
    write_config
    if ! dovecot_running; then
        # Dovecot's master keeps the caller's stderr: redirect, or piped callers hang.
        dovecot -c "$DC/dovecot.conf" </dev/null >>"$LOG/dovecot.out" 2>&1 \
            || die "dovecot failed to start; see $LOG/dovecot.log"
    fi
    if ! postfix_running; then
        postfix -c "$PF" check </dev/null >>"$LOG/postfix.out" 2>&1 || die "postfix check failed; see $LOG/postfix.out"
        postfix -c "$PF" start </dev/null >>"$LOG/postfix.out" 2>&1 || die "postfix failed to start; see $LOG/postfix.log"
    fi
    wait_port "$IMAP_PORT" 10 || die "IMAP did not come up on $IMAP_PORT; see $LOG/dovecot.log"
    wait_port "$LMTP_PORT" 10 || die "LMTP did not come up on $LMTP_PORT; see $LOG/dovecot.log"
    wait_port "$SMTP_PORT" 10 || die "SMTP did not come up on $SMTP_PORT; see $LOG/postfix.log"
}

stop() {
    if [ -f "$PF/main.cf" ] && postfix_running; then
        postfix -c "$PF" stop </dev/null >>"$LOG/postfix.out" 2>&1 || true
    fi
    if dovecot_running; then
        doveadm -c "$DC/dovecot.conf" stop </dev/null >>"$LOG/dovecot.out" 2>&1 \
            || kill "$(cat "$ROOT/run/dovecot/master.pid")"
    fi
    local i
    for ((i = 0; i < 50; i++)); do
        port_busy "$SMTP_PORT" || port_busy "$IMAP_PORT" || port_busy "$LMTP_PORT" || return 0
        sleep 0.1
    done
}

print_env() {
    cat <<EOF
AUDITOR_MAIL_DIR=$ROOT
AUDITOR_MAIL_SMTP=127.0.0.1:$SMTP_PORT
AUDITOR_MAIL_IMAP=127.0.0.1:$IMAP_PORT
AUDITOR_MAIL_PASSWORD=$PASSWORD
EOF
}

case "${1:-}" in
    start) start; print_env ;;
    stop) stop ;;
    restart) stop; start; print_env ;;
    status) postfix_running && dovecot_running ;;
    adduser)
        [ -n "${2:-}" ] || die "usage: mailworld.sh adduser ADDRESS [PASSWORD]"
        mkdir -p "$DC"; add_user "$2" "${3:-$PASSWORD}"
        # Dovecot re-reads the passwd-file at most once a second: wait until it knows the
        # user, or a delivery in the same second would bounce as "User doesn't exist".
        if dovecot_running; then
            for ((i = 0; i < 50; i++)); do
                doveadm -c "$DC/dovecot.conf" user "$2" >/dev/null 2>&1 && exit 0
                sleep 0.1
            done
            die "Dovecot does not see the new user $2"
        fi ;;
    empty)
        shift
        dovecot_running || die "Dovecot is not running (mailworld.sh start)"
        for addr in "$@"; do
            # Through Dovecot, not rm: UIDs go on rising, so a watcher's state stays valid.
            doveadm -c "$DC/dovecot.conf" expunge -u "$addr" mailbox '*' all \
                || die "cannot empty $addr"
        done ;;
    env) print_env ;;
    *) echo "usage: $0 start|stop|restart|status|adduser ADDRESS [PASSWORD]|empty ADDRESS...|env" >&2; exit 2 ;;
esac
