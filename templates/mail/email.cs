<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.Username ?>,

<?cs var:Lang.Mail.email.Text ?>

<?cs var:Mail.Link ?>

<?cs var:Lang.Mail.activate.Expiry ?> <?cs var:Mail.ActivationHours ?> <?cs var:Lang.Mail.Hours ?>.

<?cs var:Lang.Mail.NotYou ?>

-- 
<?cs var:Site.Name ?> <?cs var:Site.Url ?>
