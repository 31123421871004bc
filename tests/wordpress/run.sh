#!/usr/bin/env bash
# The WordPress plugin in a real WordPress: Debian's `wordpress` (6.1), Apache with mod_php
# and MariaDB, all started here on 127.0.0.1 and stopped on exit (even on failure), with
# everything they write in one temporary directory (plus Debian's per-site config file in
# /etc/wordpress, removed on exit). Then tests/wordpress/wordpress.test.mjs drives Chromium.
#
# Usage: tests/wordpress/run.sh <health-atlas-wordpress-*.zip>   (make wordpress-e2e)
# WP_TEST_COMMAND runs a command against the site instead of the tests. Needs root (the services run as their own users) and the packages that
# `scripts/ensure-tools.sh test` installs. WP_TEST_PORT changes the port (default 18080).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
zip="$(realpath "${1:?usage: $0 <plugin zip>}")"
port="${WP_TEST_PORT:-18080}"
site="http://127.0.0.1:$port"
config_name="healthatlastest"
config_file="/etc/wordpress/config-$config_name.php"

say() { printf '\033[1m[wordpress-e2e]\033[0m %s\n' "$*"; }
fail() { say "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: MariaDB and Apache run as their own users, and WordPress reads its config from /etc/wordpress"
for tool in mariadbd mariadb-install-db mariadb mariadb-admin apache2 php; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/ensure-tools.sh test"
done
[ -f /usr/share/wordpress/wp-load.php ] || fail "Debian's wordpress package is missing: run scripts/ensure-tools.sh test"
php_module="$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -1)"
[ -n "$php_module" ] || fail "libapache2-mod-php is missing: run scripts/ensure-tools.sh test"
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  fail "127.0.0.1:$port is in use; set WP_TEST_PORT to a free port"
fi

work="$(mktemp -d /tmp/health-atlas-wordpress.XXXXXX)"
chmod 755 "$work"
mariadb_pid=""
cleanup() {
  local status=$?
  set +e
  if [ -f "$work/apache/apache2.pid" ]; then
    apache2 -f "$work/apache/apache2.conf" -k stop 2>/dev/null
    for _ in $(seq 50); do [ -f "$work/apache/apache2.pid" ] || break; sleep 0.1; done
  fi
  if [ -n "$mariadb_pid" ]; then
    mariadb-admin --no-defaults --socket="$work/run/mysqld.sock" shutdown 2>/dev/null || kill "$mariadb_pid" 2>/dev/null
    wait "$mariadb_pid" 2>/dev/null
  fi
  if [ "$status" != 0 ]; then
    say "failed; the last lines of the logs:"
    tail -n 20 "$work/apache/error.log" "$work/wp-content/debug.log" "$work/mariadb.log" 2>/dev/null
  fi
  rm -f "$config_file"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT INT TERM

# MariaDB: a private data directory and socket, no TCP.
say "starting MariaDB"
mkdir -p "$work/db" "$work/run"
chown mysql:mysql "$work/db" "$work/run"
mariadb-install-db --no-defaults --user=mysql --datadir="$work/db" --auth-root-authentication-method=socket \
  --skip-test-db >"$work/mariadb-install.log" 2>&1 || { cat "$work/mariadb-install.log"; fail "mariadb-install-db failed"; }
# --no-defaults: nothing from the system's my.cnf (its socket, port or data directory).
mariadbd --no-defaults --user=mysql --datadir="$work/db" --socket="$work/run/mysqld.sock" \
  --pid-file="$work/run/mysqld.pid" --skip-networking >"$work/mariadb.log" 2>&1 &
mariadb_pid=$!
for _ in $(seq 100); do
  mariadb --no-defaults --socket="$work/run/mysqld.sock" -e "SELECT 1" >/dev/null 2>&1 && break
  kill -0 "$mariadb_pid" 2>/dev/null || fail "MariaDB exited: $(tail -5 "$work/mariadb.log")"
  sleep 0.2
done
mariadb --no-defaults --socket="$work/run/mysqld.sock" -e "CREATE DATABASE wordpress;
  CREATE USER 'atlas'@'localhost' IDENTIFIED BY 'atlas-db-password';
  GRANT ALL ON wordpress.* TO 'atlas'@'localhost';"

# WordPress: Debian's wp-config.php reads /etc/wordpress/config-<WORDPRESS_CONFIG>.php
# (Apache sets the variable; wp.php sets it for the CLI). Its content directory is ours.
say "configuring WordPress at $site"
mkdir -p "$work/wp-content/plugins" "$work/wp-content/themes" "$work/wp-content/uploads" "$work/wp-content/upgrade"
ln -s /usr/share/wordpress/wp-content/themes/twentytwentythree "$work/wp-content/themes/twentytwentythree"
cp -R tests/wordpress/classic-theme "$work/wp-content/themes/atlas-classic"
chown -R www-data:www-data "$work/wp-content"
salt() { head -c 48 /dev/urandom | base64 | tr -d '\n/+='; }
cat >"$config_file" <<PHP
<?php
// Written by tests/wordpress/run.sh for one test run; removed when it ends.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'atlas' );
define( 'DB_PASSWORD', 'atlas-db-password' );
define( 'DB_HOST', 'localhost:$work/run/mysqld.sock' );
define( 'WP_HOME', '$site' );
define( 'WP_SITEURL', '$site' );
define( 'WP_CONTENT_DIR', '$work/wp-content' );
define( 'WP_CONTENT_URL', '$site/wp-content' );
define( 'FS_METHOD', 'direct' );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$work/wp-content/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
PHP
for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
  echo "define( '$key', '$(salt)' );" >>"$config_file"
done
chmod 644 "$config_file"

# Apache: its own configuration, nothing from /etc/apache2's sites.
say "starting Apache on 127.0.0.1:$port"
mkdir -p "$work/apache"
modules=/usr/lib/apache2/modules
cat >"$work/apache/apache2.conf" <<CONF
ServerRoot "$work/apache"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$work/apache/apache2.pid"
ErrorLog "$work/apache/error.log"
Mutex file:$work/apache default
User www-data
Group www-data
LoadModule mpm_prefork_module $modules/mod_mpm_prefork.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule dir_module $modules/mod_dir.so
LoadModule mime_module $modules/mod_mime.so
LoadModule alias_module $modules/mod_alias.so
LoadModule env_module $modules/mod_env.so
LoadModule php_module $php_module
StartServers 2
MaxRequestWorkers 16
TypesConfig /etc/mime.types
AddType application/wasm .wasm
AddType text/javascript .js .mjs
DirectoryIndex index.php index.html
DocumentRoot /usr/share/wordpress
Alias /wp-content "$work/wp-content"
SetEnv WORDPRESS_CONFIG $config_name
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory /usr/share/wordpress>
  Require all granted
</Directory>
<Directory "$work/wp-content">
  Require all granted
</Directory>
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
CONF
apache2 -f "$work/apache/apache2.conf" -k start
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# The site, the plugin (installed from its zip by WordPress's own installer), the Author
# and the posts, through PHP's CLI.
export WORDPRESS_CONFIG="$config_name" WP_TEST_SITE="$site" WP_TEST_STATE="$work/site.json"
say "installing WordPress, the plugin from $(basename "$zip"), an Author and the posts"
php tests/wordpress/wp.php install
php tests/wordpress/wp.php setup "$zip" tests/wordpress/fixtures
chown -R www-data:www-data "$work/wp-content"

export WP_TEST_DEBUG_LOG="$work/wp-content/debug.log"
if [ -n "${WP_TEST_COMMAND:-}" ]; then
  # To look around the running site: WP_TEST_COMMAND="bash" tests/wordpress/run.sh <zip>
  say "running $WP_TEST_COMMAND instead of the tests (site: $site, state: $WP_TEST_STATE)"
  bash -c "$WP_TEST_COMMAND"
else
  say "Playwright"
  node --test --test-concurrency=1 tests/wordpress/
fi
