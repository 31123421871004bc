<?php
// WordPress from PHP's CLI for tests/wordpress/run.sh: install the site, install and
// activate the plugin from its zip, create an Author and write the test posts as that
// Author (so kses filters them exactly as for an Author in the editor), switch themes.
//
// php wp.php install | setup <plugin zip> <fixtures dir> | theme <slug>
// Environment: WORDPRESS_CONFIG (Debian's per-site config), WP_TEST_SITE (http://127.0.0.1:port),
// WP_TEST_STATE (where `setup` writes the posts' addresses as JSON, read by the Playwright test).

const AUTHOR = array( 'user_login' => 'author', 'user_pass' => 'author-password-1' );

$command = isset( $argv[1] ) ? $argv[1] : '';
$site    = parse_url( getenv( 'WP_TEST_SITE' ) );
$_SERVER['HTTP_HOST']        = $site['host'] . ':' . $site['port'];
$_SERVER['SERVER_NAME']      = $site['host'];
$_SERVER['SERVER_PORT']      = $site['port'];
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['WORDPRESS_CONFIG'] = getenv( 'WORDPRESS_CONFIG' );
if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/class-wp-upgrader.php';

function fail( $message ) {
	fwrite( STDERR, "wp.php: $message\n" );
	exit( 1 );
}

/** Copies a fixture to a temporary file and adds it to the Media Library as the current user. */
function upload( $path, $name ) {
	$tmp = wp_tempnam( $name );
	copy( $path, $tmp );
	$id = media_handle_sideload( array( 'name' => $name, 'tmp_name' => $tmp ), 0 );
	@unlink( $tmp );
	return $id;
}

/** A post by the current user; its content goes through the same kses filters as the editor's. */
function post( $title, $content ) {
	$id = wp_insert_post(
		array(
			'post_title'   => $title,
			'post_content' => $content,
			'post_status'  => 'publish',
			'post_type'    => 'post',
		),
		true
	);
	if ( is_wp_error( $id ) ) {
		fail( "post $title: " . $id->get_error_message() );
	}
	return array( 'id' => $id, 'url' => get_permalink( $id ), 'content' => get_post_field( 'post_content', $id, 'raw' ) );
}

function block( array $attributes ) {
	return serialize_block( array( 'blockName' => 'health-atlas/atlas', 'attrs' => $attributes, 'innerBlocks' => array(), 'innerHTML' => '', 'innerContent' => array() ) );
}

switch ( $command ) {
	case 'install':
		if ( is_blog_installed() ) {
			fail( 'WordPress is already installed in this database' );
		}
		add_filter( 'pre_wp_mail', '__return_false' ); // No mail server here.
		$result = wp_install( 'Health Atlas test site', 'admin', 'admin@example.org', false, '', 'admin-password-1' );
		if ( empty( $result['user_id'] ) ) {
			fail( 'wp_install failed' );
		}
		update_option( 'permalink_structure', '' );
		echo "installed\n";
		break;

	case 'setup':
		list( , , $zip, $fixtures ) = $argv;
		wp_set_current_user( 1 );
		$upgrader = new Plugin_Upgrader( new Automatic_Upgrader_Skin() );
		$installed = $upgrader->install( $zip );
		if ( true !== $installed ) {
			fail( 'the plugin zip did not install: ' . ( is_wp_error( $installed ) ? $installed->get_error_message() : implode( '; ', $upgrader->skin->get_upgrade_messages() ) ) );
		}
		$activated = activate_plugin( 'health-atlas/health-atlas.php' );
		if ( is_wp_error( $activated ) ) {
			fail( 'activation: ' . $activated->get_error_message() );
		}

		$author = wp_insert_user( AUTHOR + array( 'role' => 'author', 'user_email' => 'author@example.org', 'display_name' => 'An Author' ) );
		if ( is_wp_error( $author ) ) {
			fail( 'author: ' . $author->get_error_message() );
		}
		// No welcome guide in the block editor (6.1 keeps editor preferences in user meta).
		update_user_meta( $author, $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), '_modified' => gmdate( 'c' ) ) );

		// From here on as the Author: no unfiltered_html, so kses filters what is saved.
		wp_set_current_user( $author );
		kses_init();
		if ( current_user_can( 'unfiltered_html' ) ) {
			fail( 'the Author can post unfiltered HTML; the test would not test kses' );
		}
		$bad_dataset = upload( "$fixtures/invalid-dataset.json", 'invalid-dataset.json' );
		if ( is_wp_error( $bad_dataset ) ) {
			fail( 'the JSON dataset upload was refused: ' . $bad_dataset->get_error_message() );
		}
		$not_json = upload( "$fixtures/not-json.json", 'not-json.json' );

		$state = array(
			'author'         => AUTHOR,
			'datasetId'      => $bad_dataset,
			'datasetMime'    => get_post_mime_type( $bad_dataset ),
			'notJsonRefused' => is_wp_error( $not_json ) ? $not_json->get_error_message() : false,
			'posts'          => array(
				'block'          => post( 'Atlas block', block( array( 'height' => '560', 'lang' => 'en', 'theme' => 'light' ) ) ),
				'shortcode'      => post( 'Atlas shortcode', "<p>Our events:</p>\n[health-atlas lang=\"en\" height=\"560\" theme=\"light\"]" ),
				'filtered'       => post( 'Atlas shortcode with filters', '[health-atlas lang="en" view="list" filters="cat=forum" height="500"]' ),
				'unknownOption'  => post( 'Atlas shortcode with an unknown option', '[health-atlas lang="en" colour="red" view="satellite" height="500"]' ),
				'unknownBlock'   => post( 'Atlas block with an unknown option', block( array( 'lang' => 'en', 'height' => '500', 'colour' => 'red' ) ) ),
				'badDataset'     => post( 'Atlas block with an invalid dataset', block( array( 'lang' => 'en', 'height' => '500', 'datasetId' => $bad_dataset ) ) ),
				'badDatasetNone' => post( 'Atlas shortcode with an invalid dataset, nothing for readers', "<p>Before.</p>\n[health-atlas lang=\"en\" dataset=\"$bad_dataset\" dataset_errors=\"empty\"]\n<p>After.</p>" ),
				'plain'          => post( 'No atlas here', '<p>Just text.</p>' ),
			),
		);
		file_put_contents( getenv( 'WP_TEST_STATE' ), wp_json_encode( $state, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES ) );
		echo 'set up: ' . count( $state['posts'] ) . " posts\n";
		break;

	case 'theme':
		$slug  = $argv[2];
		$theme = wp_get_theme( $slug );
		if ( ! $theme->exists() || $theme->errors() ) {
			fail( "no usable theme $slug" );
		}
		switch_theme( $slug );
		echo 'theme: ' . get_stylesheet() . ( wp_is_block_theme() ? ' (block theme)' : ' (classic theme)' ) . "\n";
		break;

	default:
		fail( 'usage: php wp.php install | setup <zip> <fixtures> | theme <slug>' );
}
