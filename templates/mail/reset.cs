<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.Username ?>,

<?cs var:Lang.Mail.reset.Text ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.reset.Expiry ?> <?cs var:Mail.ResetMinutes ?> <?cs var:Lang.Mail.Minutes ?>.

<?cs var:Lang.Mail.NotYou ?>

-- 
<?cs var:Site.Name ?> <?cs var:Site.Url ?>
