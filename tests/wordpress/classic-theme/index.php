<?php
// A classic theme: wp_head, the loop, wp_footer; no theme.json, no html5 script support
// (so WordPress 6.1 writes type='text/javascript', which the plugin must replace).
?><!doctype html>
<html <?php language_attributes(); ?>>
<head>
<meta charset="<?php bloginfo( 'charset' ); ?>">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?php wp_head(); ?>
</head>
<body <?php body_class(); ?>>
<main class="site">
<?php
while ( have_posts() ) :
	the_post();
	?>
	<article class="entry">
		<h1><?php the_title(); ?></h1>
		<div class="entry-content"><?php the_content(); ?></div>
	</article>
<?php endwhile; ?>
</main>
<?php wp_footer(); ?>
</body>
</html>
