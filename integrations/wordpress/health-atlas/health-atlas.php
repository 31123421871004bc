<?php
/**
 * Plugin Name:       Health Atlas
 * Description:       An offline, interactive timeline and map of health-industry events: a block and a [health-atlas] shortcode, with your own events file from the Media Library.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       health-atlas
 *
 * The atlas itself (atlas/, copied from the release build by `make wordpress`) is
 * MIT OR Apache-2.0, both GPL-compatible.
 *
 * What this file does: registers the block (a dynamic block: its markup is written here at
 * render time, so what an Author without `unfiltered_html` saves is only the block comment,
 * which kses leaves alone) and the shortcode, both through one renderer that checks every
 * option against an allow-list and lists the ones it could not use to people who can edit
 * the post; loads the element's module script only on pages that show an atlas; lets
 * uploaders put a dataset (.json) in the Media Library, refusing files that are not JSON.
 */

defined( 'ABSPATH' ) || exit;

define( 'HEALTH_ATLAS_VERSION', '0.1.0' );
define( 'HEALTH_ATLAS_FILE', __FILE__ );

/**
 * The options, shared by the block and the shortcode. Each value is checked by
 * health_atlas_check_option(); `choices` are the only values taken.
 */
function health_atlas_options() {
	return array(
		'dataset'        => array(),
		'view'           => array( 'choices' => array( 'combined', 'timeline', 'map', 'list', 'insights' ) ),
		'lang'           => array( 'choices' => array( 'auto', 'en', 'zh', 'fr' ) ),
		'filters'        => array(),
		'height'         => array(),
		'theme'          => array( 'choices' => array( 'auto', 'light', 'dark' ) ),
		// What readers see if the dataset cannot be used; people who can edit the post always
		// see the atlas's own list of what is wrong, where.
		'dataset_errors' => array( 'choices' => array( 'builtin', 'empty', 'show' ) ),
	);
}

/** The block's attribute names (camelCase) for the shortcode's option names. */
function health_atlas_block_names() {
	return array(
		'dataset'       => 'dataset',
		'datasetId'     => 'dataset',
		'view'          => 'view',
		'lang'          => 'lang',
		'filters'       => 'filters',
		'height'        => 'height',
		'theme'         => 'theme',
		'datasetErrors' => 'dataset_errors',
	);
}

/** The keys the atlas reads in `filters` (its link format, e.g. `cat=forum&q=Wuxi`). */
function health_atlas_filter_keys() {
	return array( 'cat', 'org', 'person', 'country', 'region', 'city', 'tag', 'q', 'from', 'to' );
}

/**
 * Checks one option's value. Returns array( value|null, problem|null ): the value to use
 * (null: leave the attribute out) and, when the value was refused, why.
 *
 * @param string $name  An option name from health_atlas_options().
 * @param mixed  $value The value as written in the shortcode or block.
 */
function health_atlas_check_option( $name, $value ) {
	$options = health_atlas_options();
	$value   = is_scalar( $value ) ? trim( (string) $value ) : '';
	if ( '' === $value ) {
		return array( null, null );
	}
	if ( isset( $options[ $name ]['choices'] ) ) {
		$lower = strtolower( $value );
		if ( in_array( $lower, $options[ $name ]['choices'], true ) ) {
			return array( $lower, null );
		}
		/* translators: 1: option name, 2: the value given, 3: the values allowed */
		return array( null, sprintf( __( '%1$s="%2$s": expected one of %3$s', 'health-atlas' ), $name, $value, implode( ', ', $options[ $name ]['choices'] ) ) );
	}
	switch ( $name ) {
		case 'height':
			// As the element reads it: a number (pixels) or a number with one of these units.
			if ( preg_match( '/^\d+(\.\d+)?(px|vh|svh|rem|em|%)?$/', $value ) && (float) $value > 0 ) {
				return array( $value, null );
			}
			/* translators: %s: the value given */
			return array( null, sprintf( __( 'height="%s": expected a number of pixels (640) or a length in px, vh, svh, rem, em or %%', 'health-atlas' ), $value ) );
		case 'filters':
			$unknown = array();
			foreach ( explode( '&', ltrim( $value, '#?' ) ) as $part ) {
				$key = strtolower( trim( explode( '=', $part, 2 )[0] ) );
				if ( '' !== $key && ! in_array( $key, health_atlas_filter_keys(), true ) ) {
					$unknown[] = $key;
				}
			}
			if ( $unknown ) {
				/* translators: 1: the value given, 2: the unknown keys, 3: the keys allowed */
				return array( null, sprintf( __( 'filters="%1$s": unknown key %2$s (the keys are %3$s)', 'health-atlas' ), $value, implode( ', ', $unknown ), implode( ', ', health_atlas_filter_keys() ) ) );
			}
			return array( $value, null );
		case 'dataset':
			// An attachment (its id, from the Media Library) or a URL.
			if ( ctype_digit( $value ) ) {
				$id = (int) $value;
				if ( 'attachment' === get_post_type( $id ) && 'application/json' === get_post_mime_type( $id ) ) {
					return array( wp_get_attachment_url( $id ), null );
				}
				/* translators: %s: the value given */
				return array( null, sprintf( __( 'dataset="%s": no JSON file with this id in the Media Library', 'health-atlas' ), $value ) );
			}
			$url = esc_url_raw( $value, array( 'http', 'https' ) );
			if ( '' !== $url ) {
				return array( $url, null );
			}
			/* translators: %s: the value given */
			return array( null, sprintf( __( 'dataset="%s": expected a Media Library file or an http(s) URL', 'health-atlas' ), $value ) );
	}
	return array( null, null );
}

/**
 * The markup for one atlas: the <health-atlas> element, and for people who can edit the
 * post, a notice listing the options that were not used. Enqueues the element's script.
 *
 * @param array  $options  Option name => value (shortcode names).
 * @param array  $unknown  Names given that are not options.
 * @param string $wrapper  Attributes for the wrapping <div> (already escaped).
 */
function health_atlas_render( array $options, array $unknown, $wrapper = 'class="health-atlas-embed"' ) {
	health_atlas_enqueue_element();
	$problems = array();
	foreach ( $unknown as $name ) {
		/* translators: 1: the unknown option, 2: the options there are */
		$problems[] = sprintf( __( '%1$s: not an option (the options are %2$s)', 'health-atlas' ), $name, implode( ', ', array_keys( health_atlas_options() ) ) );
	}
	$attributes = array();
	foreach ( health_atlas_options() as $name => $spec ) {
		list( $value, $problem ) = health_atlas_check_option( $name, isset( $options[ $name ] ) ? $options[ $name ] : '' );
		if ( null !== $problem ) {
			$problems[] = $problem;
		}
		if ( null !== $value ) {
			$attributes[ $name ] = $value;
		}
	}
	$editor = health_atlas_current_user_edits();

	$element = array();
	if ( isset( $attributes['dataset'] ) ) {
		$element['src'] = esc_url( $attributes['dataset'] );
	}
	foreach ( array( 'view', 'lang', 'filters', 'height', 'theme' ) as $name ) {
		if ( isset( $attributes[ $name ] ) && 'auto' !== $attributes[ $name ] ) {
			$element[ $name ] = esc_attr( $attributes[ $name ] );
		}
	}
	// Editors see the atlas's located errors for a bad dataset; readers what the editor chose.
	$on_error = isset( $attributes['dataset_errors'] ) ? $attributes['dataset_errors'] : 'builtin';
	if ( ! $editor && 'show' !== $on_error ) {
		$element['dataset-errors'] = esc_attr( $on_error );
	}
	$html = '';
	foreach ( $element as $name => $value ) {
		$html .= ' ' . $name . '="' . $value . '"';
	}

	$notice = '';
	if ( $problems && $editor ) {
		wp_enqueue_style( 'health-atlas-notice', plugins_url( 'notice.css', HEALTH_ATLAS_FILE ), array(), HEALTH_ATLAS_VERSION );
		$items = '';
		foreach ( $problems as $problem ) {
			$items .= '<li>' . esc_html( $problem ) . '</li>';
		}
		$notice = '<div class="health-atlas-notice" role="note"><strong>'
			. esc_html__( 'Health Atlas: these options were not used (only people who can edit this post see this):', 'health-atlas' )
			. '</strong><ul>' . $items . '</ul></div>';
	}
	return '<div ' . $wrapper . '>' . $notice . '<health-atlas' . $html . '></health-atlas></div>';
}

/** Whether the current user may edit the post being shown (or, outside a post, posts). */
function health_atlas_current_user_edits() {
	$post_id = get_the_ID();
	return $post_id ? current_user_can( 'edit_post', $post_id ) : current_user_can( 'edit_posts' );
}

/* ---- The element's script: only on pages that show an atlas ---- */

/**
 * Enqueues the element's module script. Called while an atlas is rendered, so pages
 * without one never load it. WordPress 6.5+ has a script-modules API; on older releases
 * (Debian's 6.1) calling it is a fatal error, so a classic script gets type="module".
 */
function health_atlas_enqueue_element() {
	$url = plugins_url( 'atlas/embed/health-atlas.js', HEALTH_ATLAS_FILE );
	// The editors (admin pages) keep the classic way: not every release with the modules
	// API prints modules there.
	if ( function_exists( 'wp_enqueue_script_module' ) && ! is_admin() ) {
		wp_enqueue_script_module( 'health-atlas', $url, array(), HEALTH_ATLAS_VERSION );
		return;
	}
	// In the footer: a classic theme renders the content after wp_head.
	wp_enqueue_script( 'health-atlas', $url, array(), HEALTH_ATLAS_VERSION, true );
}

add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		if ( 'health-atlas' !== $handle ) {
			return $tag;
		}
		$tag = preg_replace( '/\s+type=([\'"])text\/javascript\1/', '', $tag );
		return preg_replace( '/<script\b/', '<script type="module"', $tag, 1 );
	},
	10,
	2
);

/* ---- The block ---- */

add_action(
	'init',
	function () {
		register_block_type(
			__DIR__ . '/block',
			array( 'render_callback' => 'health_atlas_render_block' )
		);
		add_shortcode( 'health-atlas', 'health_atlas_render_shortcode' );
	}
);

/**
 * The block's render_callback. Attributes the block does not define (typed in the code
 * editor, or saved by a newer version of the plugin) arrive here as they are, and the
 * editor script keeps them in `unknownOptions`: both are listed.
 *
 * @param array $attributes The block's attributes.
 */
function health_atlas_render_block( $attributes ) {
	$names   = health_atlas_block_names();
	$options = array();
	$unknown = array();
	foreach ( (array) $attributes as $name => $value ) {
		if ( 'unknownOptions' === $name ) {
			foreach ( (array) $value as $key => $ignored ) {
				$unknown[] = (string) $key;
			}
		} elseif ( isset( $names[ $name ] ) && 'datasetId' !== $name ) {
			$options[ $names[ $name ] ] = $value;
		} elseif ( ! isset( $names[ $name ] ) && ! in_array( $name, array( 'className', 'align', 'lock' ), true ) ) {
			$unknown[] = (string) $name;
		}
	}
	// A file picked in the Media Library wins over a typed URL.
	if ( ! empty( $attributes['datasetId'] ) && (int) $attributes['datasetId'] > 0 ) {
		$options['dataset'] = (string) (int) $attributes['datasetId'];
	}
	return health_atlas_render( $options, array_values( array_unique( $unknown ) ), get_block_wrapper_attributes( array( 'class' => 'health-atlas-embed' ) ) );
}

/**
 * [health-atlas dataset="…" view="map" lang="fr" filters="cat=forum" height="600" theme="dark" dataset_errors="empty"]
 *
 * @param array|string $atts The shortcode's attributes ('' when none).
 */
function health_atlas_render_shortcode( $atts ) {
	$options = array();
	$unknown = array();
	foreach ( (array) $atts as $name => $value ) {
		if ( is_int( $name ) ) {
			// A bare word ([health-atlas map]) is not an option either.
			$unknown[] = (string) $value;
			continue;
		}
		$name = str_replace( '-', '_', strtolower( $name ) );
		if ( array_key_exists( $name, health_atlas_options() ) ) {
			$options[ $name ] = $value;
		} else {
			$unknown[] = $name;
		}
	}
	return health_atlas_render( $options, $unknown );
}

/* ---- The editor: the element script for the live preview ---- */

add_action(
	'enqueue_block_editor_assets',
	function () {
		health_atlas_enqueue_element();
	}
);
// Editors whose canvas is an iframe (newer releases) load block assets into it through this
// hook; on the front end, the renderer enqueues the script only where an atlas is shown.
add_action(
	'enqueue_block_assets',
	function () {
		if ( is_admin() ) {
			health_atlas_enqueue_element();
		}
	}
);


/* ---- Datasets in the Media Library ---- */

/**
 * Lets people who can upload files add .json datasets (application/json only).
 *
 * @param array $mimes Extension pattern => MIME type.
 */
function health_atlas_upload_mimes( $mimes ) {
	if ( current_user_can( 'upload_files' ) ) {
		$mimes['json'] = 'application/json';
	}
	return $mimes;
}
add_filter( 'upload_mimes', 'health_atlas_upload_mimes' );

/**
 * WordPress checks a file's content type with fileinfo, which calls JSON "text/plain" on
 * many systems: a .json upload is accepted when its content parses as JSON, and refused
 * otherwise (before it is stored, with the reason).
 *
 * @param array  $data     ext, type, proper_filename.
 * @param string $file     The uploaded file's path.
 * @param string $filename The file's name.
 */
function health_atlas_check_json_upload( $data, $file, $filename ) {
	if ( 'json' !== strtolower( pathinfo( (string) $filename, PATHINFO_EXTENSION ) ) || ! current_user_can( 'upload_files' ) ) {
		return $data;
	}
	if ( null === health_atlas_json_error( $file ) ) {
		return array(
			'ext'             => 'json',
			'type'            => 'application/json',
			'proper_filename' => isset( $data['proper_filename'] ) ? $data['proper_filename'] : false,
		);
	}
	return array(
		'ext'             => false,
		'type'            => false,
		'proper_filename' => false,
	);
}
add_filter( 'wp_check_filetype_and_ext', 'health_atlas_check_json_upload', 10, 3 );

/**
 * Refuses a .json upload that is not JSON, saying why (the generic "not allowed" message
 * would send the uploader looking for a permission problem).
 *
 * @param array $file The upload (name, tmp_name, …).
 */
function health_atlas_upload_prefilter( $file ) {
	if ( isset( $file['name'], $file['tmp_name'] ) && 'json' === strtolower( pathinfo( $file['name'], PATHINFO_EXTENSION ) ) ) {
		$error = health_atlas_json_error( $file['tmp_name'] );
		if ( null !== $error ) {
			/* translators: 1: file name, 2: the JSON parser's message */
			$file['error'] = sprintf( __( '%1$s is not valid JSON (%2$s). Health Atlas datasets are JSON files in the format of the atlas\'s data/events.json.', 'health-atlas' ), $file['name'], $error );
		}
	}
	return $file;
}
add_filter( 'wp_handle_upload_prefilter', 'health_atlas_upload_prefilter' );
add_filter( 'wp_handle_sideload_prefilter', 'health_atlas_upload_prefilter' );

/**
 * Null when the file at `$path` is JSON, else the parser's message.
 *
 * @param string $path A local file.
 */
function health_atlas_json_error( $path ) {
	$text = is_readable( $path ) ? file_get_contents( $path ) : false; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
	if ( false === $text ) {
		return __( 'the file could not be read', 'health-atlas' );
	}
	json_decode( $text );
	return JSON_ERROR_NONE === json_last_error() ? null : json_last_error_msg();
}
