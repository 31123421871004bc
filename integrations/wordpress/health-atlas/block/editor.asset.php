<?php
// The editor script's dependencies (what a build tool would generate; there is none here).
return array(
	'dependencies' => array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-data', 'wp-element', 'wp-hooks', 'wp-i18n', 'wp-server-side-render' ),
	'version'      => HEALTH_ATLAS_VERSION,
);
