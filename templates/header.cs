<!DOCTYPE html>
<html lang="<?cs var:Page.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="<?cs var:Site.Base ?>/static/kaaj.css<?cs var:Static.kaaj_css ?>">
<link rel="icon" href="<?cs var:Site.Base ?>/static/favicon.svg<?cs var:Static.favicon_svg ?>" type="image/svg+xml">
</head>
<body>
<?cs # The menu is a <details>: on a phone a "Menu" button that opens the
       links below the header, without any script; on a wide screen the
       style sheet shows the links in the header and hides the button. ?><header class="top">
 <a class="brand" href="<?cs var:Site.Base ?>/"><?cs var:Site.Name ?></a>
 <details class="menu">
 <summary><?cs var:Lang.Nav.Menu ?><?cs if:User.Unread > 0 ?> <span class="count"><?cs var:User.Unread ?></span><?cs /if ?></summary>
 <nav>
  <a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Nav.Jobs ?></a>
  <a href="<?cs var:Site.Base ?>/jobtypes"><?cs var:Lang.Nav.JobTypes ?></a>
<?cs if:User.Id ?>  <a href="<?cs var:Site.Base ?>/dashboard" id="nav-dashboard"><?cs var:Lang.Nav.Dashboard ?></a>
  <a href="<?cs var:Site.Base ?>/campaigns/new"><?cs var:Lang.Nav.PostJob ?></a>
  <a href="<?cs var:Site.Base ?>/campaigns"><?cs var:Lang.Nav.MyCampaigns ?></a>
  <a href="<?cs var:Site.Base ?>/wallet"><?cs var:Lang.Nav.Wallet ?></a>
  <a href="<?cs var:Site.Base ?>/tasks"><?cs var:Lang.Nav.Tasks ?></a>
<?cs if:Site.Referrals ?>  <a href="<?cs var:Site.Base ?>/referrals"><?cs var:Lang.Nav.Referrals ?></a>
<?cs /if ?>  <a href="<?cs var:Site.Base ?>/notifications" id="nav-notifications"><?cs var:Lang.Nav.Notifications ?><?cs if:User.Unread > 0 ?> <span class="count" id="unread"><?cs var:User.Unread ?></span><?cs /if ?></a>
<?cs /if ?><?cs if:User.IsAdmin == 1 ?>  <a href="<?cs var:Site.Base ?>/admin"><?cs var:Lang.Nav.Admin ?></a>
  <a href="<?cs var:Site.Base ?>/admin/deposits"><?cs var:Lang.Nav.Deposits ?></a>
  <a href="<?cs var:Site.Base ?>/admin/withdrawals"><?cs var:Lang.Nav.Withdrawals ?></a>
  <a href="<?cs var:Site.Base ?>/admin/disputes"><?cs var:Lang.Nav.Disputes ?></a>
  <a href="<?cs var:Site.Base ?>/admin/mail"><?cs var:Lang.Nav.AdminMail ?></a>
  <a href="<?cs var:Site.Base ?>/admin/campaigns"><?cs var:Lang.Nav.AdminCampaigns ?></a>
  <a href="<?cs var:Site.Base ?>/admin/audit"><?cs var:Lang.Nav.AdminAudit ?></a>
<?cs /if ?><?cs if:User.Id ?>  <a class="who" href="<?cs var:Site.Base ?>/settings"><?cs var:User.Name ?></a>
  <form class="inline" method="post" action="<?cs var:Site.Base ?>/logout">
   <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
   <button type="submit"><?cs var:Lang.Nav.Logout ?></button>
  </form>
<?cs else ?>  <a href="<?cs var:Site.Base ?>/login"><?cs var:Lang.Nav.Login ?></a>
  <a href="<?cs var:Site.Base ?>/register"><?cs var:Lang.Nav.Register ?></a>
<?cs /if ?><?cs # The language switch (a <ul class="lang"> of links) goes here.
?> </nav>
 </details>
</header>
<main>
<?cs if:Page.Notice ?><p class="notice" role="status"><?cs var:Page.Notice ?></p>
<?cs /if ?>