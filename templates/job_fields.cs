<?cs # The job type's own fields of a job (Job.Fields), as rows of a
       dl.facts: the job page and the task page both show them. ?><?cs
each:f = Job.Fields ?> <dt><?cs var:f.Label ?></dt><dd><?cs if:f.IsUrl == 1 ?><a href="<?cs var:f.Value ?>" rel="nofollow noopener" target="_blank"><?cs var:f.Value ?></a><?cs else ?><?cs var:f.Value ?><?cs /if ?></dd>
<?cs /each ?>