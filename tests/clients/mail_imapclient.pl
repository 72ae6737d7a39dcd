#!/usr/bin/perl
# Perl's Mail::IMAPClient (Debian's libmail-imapclient-perl, a client nobody here wrote) against
# a real qimapd. Run by test_mail_imapclient.py, which starts the server and passes it in
# QIMAPD_PORT (STARTTLS), QIMAPD_SSL_PORT (implicit TLS), QIMAPD_CERT (the certificate to
# trust), QIMAPD_USER and QIMAPD_PASSWORD; it expects INBOX to hold the one message in
# QIMAPD_SEEDED (a file). Prints TAP; exits non-zero when any check fails.
# Mail::IMAPClient's Debug output (the whole conversation) goes to stderr.
use strict;
use warnings;

use IO::Socket::SSL qw(SSL_VERIFY_PEER);
use Mail::IMAPClient;
use Test::More;

my %env;
for my $name (qw(PORT SSL_PORT CERT USER PASSWORD SEEDED)) {
    defined $ENV{"QIMAPD_$name"} or BAIL_OUT("QIMAPD_$name is not set");
    $env{$name} = $ENV{"QIMAPD_$name"};
}
my $seeded = do {
    open my $in, '<:raw', $env{SEEDED} or BAIL_OUT("cannot read $env{SEEDED}: $!");
    local $/;
    <$in>;
};

# Verify the server's certificate against the test's own, for the name localhost; never off.
my @verify = (
    SSL_ca_file         => $env{CERT},
    SSL_verify_mode     => SSL_VERIFY_PEER,
    SSL_hostname        => 'localhost',
    SSL_verifycn_name   => 'localhost',
    SSL_verifycn_scheme => 'imap',
);

sub connect_tls {
    my (%extra) = @_;
    return Mail::IMAPClient->new(
        Server   => 'localhost',
        Port     => $env{SSL_PORT},
        Ssl      => [@verify],
        User     => $env{USER},
        Password => $env{PASSWORD},
        Uid      => 1,
        Peek     => 1,
        Timeout  => 20,
        Debug    => 1,
        Debug_fh => \*STDERR,
        %extra,
    );
}

sub message {
    my ($subject, $body, $extra) = @_;
    $extra //= '';
    (my $id = $subject) =~ tr/ /-/;
    return "From: Perl <perl\@example.org>\r\nTo: someone\@localhost\r\nSubject: $subject\r\n"
      . "Date: Thu, 29 Feb 2024 13:14:15 +0200\r\nMessage-ID: <$id\@example.org>\r\n"
      . "$extra\r\n$body";
}

# flags() in list context: the flags but \Recent, sorted, as one string
sub sorted_flags {
    return join ' ', sort grep { $_ ne '\\Recent' } @_;
}

# ---- refusals ----------------------------------------------------------------------------

{
    # Only the system CAs: the test certificate must be refused (proof the checks are real).
    my $untrusting = Mail::IMAPClient->new(
        Server  => 'localhost', Port => $env{SSL_PORT}, Timeout => 20,
        Ssl     => [SSL_verify_mode => SSL_VERIFY_PEER, SSL_hostname => 'localhost',
                    SSL_verifycn_name => 'localhost', SSL_verifycn_scheme => 'imap'],
        User    => $env{USER}, Password => $env{PASSWORD},
    );
    ok(!$untrusting, 'a client that does not trust the test certificate cannot connect')
      or $untrusting->logout;

    my $wrong = connect_tls(Password => 'not-the-password');
    ok(!$wrong, 'a wrong password is refused');
    like($@, qr/AUTHENTICATIONFAILED/, 'with [AUTHENTICATIONFAILED]');

    # The cleartext port without STARTTLS: no login (LOGINDISABLED).
    my $plain = Mail::IMAPClient->new(Server => 'localhost', Port => $env{PORT}, Timeout => 20,
                                      User => $env{USER}, Password => $env{PASSWORD});
    ok(!$plain, 'no login in clear text');
}

# ---- one session over implicit TLS --------------------------------------------------------

my $imap = connect_tls();
ok($imap, 'connect and log in over implicit TLS') or BAIL_OUT("cannot connect: $@");
ok($imap->IsAuthenticated, 'authenticated');
ok($imap->has_capability('UIDPLUS'), 'UIDPLUS capability');
ok($imap->has_capability('LITERAL+'), 'LITERAL+ capability');
is($imap->separator, '/', 'hierarchy separator');

my $namespace = $imap->namespace;
ok($namespace, 'NAMESPACE') or diag($imap->LastError);
is($namespace->[0][0][0], '', 'personal namespace prefix') if $namespace;

my @folders = $imap->folders;
ok((grep { $_ eq 'INBOX' } @folders), 'folders lists INBOX') or diag("folders: @folders");

ok($imap->create('Perl/Work'), 'create Perl/Work') or diag($imap->LastError);
ok($imap->create('Perl Space'), 'create "Perl Space"') or diag($imap->LastError);
ok($imap->exists('Perl/Work'), 'exists Perl/Work');
ok(!$imap->exists('Perl/Nothing'), 'Perl/Nothing does not exist');
@folders = $imap->folders('Perl');
is_deeply([sort @folders], ['Perl', 'Perl/Work'], 'folders under Perl');
ok($imap->is_parent('Perl'), 'Perl has children');
ok($imap->subscribe('Perl/Work'), 'subscribe');
is_deeply([$imap->subscribed], ['Perl/Work'], 'subscribed');

# append_string, with flags and a date
my %messages = (
    first  => message('perl first', "Hello from Mail::IMAPClient.\r\n"),
    second => message('perl second', "Second message.\r\n\x{c3}\x{a9}t\x{c3}\x{a9}\r\n"),
    third  => message(
        'perl third',
        "Preamble.\r\n--b1\r\nContent-Type: text/plain\r\n\r\nthe text part\r\n"
          . "--b1\r\nContent-Type: text/html\r\n\r\n<p>the html part</p>\r\n--b1--\r\n",
        "MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=b1\r\n"),
);
my %uid;
$uid{first} = $imap->append_string('Perl/Work', $messages{first}, '\\Flagged', '29-Feb-2024 13:14:15 +0200');
$uid{second} = $imap->append_string('Perl/Work', $messages{second});
$uid{third} = $imap->append_string('Perl/Work', $messages{third}, '\\Seen \\Draft');
for my $name (qw(first second third)) {
    like($uid{$name} // '', qr/^\d+$/, "append_string $name returns its UID (APPENDUID)")
      or diag($imap->LastError);
}
is($imap->message_count('Perl/Work'), 3, 'message_count (STATUS)');

ok($imap->examine('Perl/Work'), 'examine') or diag($imap->LastError);
ok($imap->IsSelected, 'selected after EXAMINE');
is($imap->message_count, 3, 'message_count in the EXAMINEd folder');

ok($imap->select('Perl/Work'), 'select') or diag($imap->LastError);
is_deeply([sort { $a <=> $b } @{ $imap->messages }], [sort { $a <=> $b } values %uid], 'messages (UIDs)');
is($imap->uidvalidity('Perl/Work') =~ /^\d+$/ ? 1 : 0, 1, 'uidvalidity');
is($imap->uidnext('Perl/Work'), $uid{third} + 1, 'uidnext');

# fetch: whole messages, sizes, parts, headers
for my $name (qw(first second third)) {
    my $string = $imap->message_string($uid{$name});
    ok(defined $string, "message_string $name") or diag($imap->LastError);
    is($string, $messages{$name}, "message_string $name equals what was appended");
    is($imap->size($uid{$name}), length $messages{$name}, "size $name (RFC822.SIZE)");
}
is($imap->get_header($uid{second}, 'Subject'), 'perl second', 'get_header');
my $headers = $imap->parse_headers($uid{first}, 'From', 'Message-ID');
is_deeply($headers, { From => ['Perl <perl@example.org>'], 'Message-ID' => ['<perl-first@example.org>'] },
          'parse_headers');
is($imap->body_string($uid{first}), "Hello from Mail::IMAPClient.\r\n", 'body_string');
is($imap->bodypart_string($uid{third}, 2), '<p>the html part</p>', 'bodypart_string 2');
is($imap->bodypart_string($uid{third}, 1, 4, 4), 'text', 'bodypart_string 1 partial');
my $structure = $imap->get_bodystructure($uid{third});
ok($structure, 'get_bodystructure') or diag($imap->LastError);
if ($structure) {
    is(lc $structure->bodytype, 'multipart', 'BODYSTRUCTURE type');
    is(lc $structure->bodysubtype, 'alternative', 'BODYSTRUCTURE subtype');
    is_deeply([$structure->parts], ['1', '2'], 'BODYSTRUCTURE parts');
}
my $envelope = $imap->get_envelope($uid{second});
ok($envelope, 'get_envelope') or diag($imap->LastError);
is($envelope->subject, 'perl second', 'ENVELOPE subject') if $envelope;
my $hash = $imap->fetch_hash('FLAGS', 'RFC822.SIZE', 'INTERNALDATE');
ok($hash, 'fetch_hash') or diag($imap->LastError);
is($hash->{ $uid{first} }{'RFC822.SIZE'}, length $messages{first}, 'fetch_hash RFC822.SIZE');
is($hash->{ $uid{first} }{'INTERNALDATE'}, '29-Feb-2024 13:14:15 +0200', 'INTERNALDATE as appended');
is(sorted_flags($imap->flags($uid{third})), '\\Draft \\Seen', 'flags as appended');

# search
is_deeply([$imap->search('SUBJECT', 'perl second')], [$uid{second}], 'search SUBJECT');
is_deeply([sort { $a <=> $b } $imap->search('ALL')], [sort { $a <=> $b } values %uid], 'search ALL');
is_deeply([$imap->search('FLAGGED')], [$uid{first}], 'search FLAGGED');
is_deeply([$imap->search('BODY', 'html part')], [$uid{third}], 'search BODY');
is_deeply([sort { $a <=> $b } @{ $imap->unseen }], [sort { $a <=> $b } $uid{first}, $uid{second}], 'unseen');
is_deeply([$imap->before('01-Mar-2024')], [$uid{first}], 'before (INTERNALDATE as appended)');

# flags
ok($imap->see($uid{second}), 'see') or diag($imap->LastError);
ok($imap->set_flag('Answered', $uid{second}), 'set_flag Answered') or diag($imap->LastError);
ok($imap->set_flag('$Label1', $uid{second}), 'set_flag $Label1') or diag($imap->LastError);
is(sorted_flags($imap->flags($uid{second})), '$Label1 \\Answered \\Seen', 'flags after set_flag');
ok($imap->unset_flag('\\Flagged', $uid{first}), 'unset_flag') or diag($imap->LastError);
is(sorted_flags($imap->flags($uid{first})), '', 'flags after unset_flag');
is_deeply([$imap->unseen], [$uid{first}], 'unseen after see');

# copy, move, delete, expunge
my $copied = $imap->copy('Perl Space', $uid{first});
like($copied // '', qr/^\d+$/, 'copy returns the new UID (COPYUID)') or diag($imap->LastError);
my $moved = $imap->move('Perl Space', $uid{third});
like($moved // '', qr/^\d+$/, 'move (COPY + \\Deleted)') or diag($imap->LastError);
is(sorted_flags($imap->flags($uid{third})), '\\Deleted \\Draft \\Seen', 'moved message is \\Deleted');
ok($imap->expunge, 'expunge') or diag($imap->LastError);
is_deeply([sort { $a <=> $b } @{ $imap->messages }], [$uid{first}, $uid{second}], 'after expunge');
ok($imap->delete_message($uid{first}), 'delete_message') or diag($imap->LastError);
ok($imap->uidexpunge($uid{first}), 'uidexpunge (UID EXPUNGE)') or diag($imap->LastError);
is_deeply([$imap->messages], [$uid{second}], 'after uidexpunge');
ok($imap->close, 'close');

ok($imap->select('Perl Space'), 'select "Perl Space"') or diag($imap->LastError);
is($imap->message_count, 2, 'two messages copied');
is($imap->message_string($copied), $messages{first}, 'the copy has the same bytes');
is($imap->message_string($moved), $messages{third}, 'the moved message has the same bytes');
is(sorted_flags($imap->flags($moved)), '\\Draft \\Seen', 'the moved message keeps its flags, not \\Deleted');
# Mail::IMAPClient 3.43 has no unselect(): its generic command runner sends it
ok($imap->tag_and_run('UNSELECT'), 'UNSELECT') or diag($imap->LastError);

# folders: rename, delete
ok($imap->rename('Perl Space', 'Perl/Space'), 'rename') or diag($imap->LastError);
is_deeply([sort $imap->folders('Perl')], ['Perl', 'Perl/Space', 'Perl/Work'], 'folders after rename');
is($imap->message_count('Perl/Space'), 2, 'messages move with the folder');
ok($imap->unsubscribe('Perl/Work'), 'unsubscribe');
for my $folder ('Perl/Space', 'Perl/Work', 'Perl') {
    ok($imap->delete($folder), "delete $folder") or diag($imap->LastError);
}
ok(!$imap->exists('Perl'), 'deleted');
ok(!$imap->delete('INBOX'), 'INBOX cannot be deleted');

# Big messages: a few MB in one UID FETCH, more than the server buffers for a client at once.
{
    $imap->Debug(0);    # not megabytes of message text in the log
    my @big = map {
        my $n = $_;
        my $body = join '', map { sprintf("big message %02d, line %05d of text\r\n", $n, $_) } 1 .. 12000;
        message("perl big $n", $body);
    } 1 .. 12;
    ok($imap->create('Perl Big'), 'create "Perl Big"') or diag($imap->LastError);
    my @uids = map { $imap->append_string('Perl Big', $_) } @big;
    is(scalar(grep { defined && /^\d+$/ } @uids), scalar @big, 'big messages appended');
    ok($imap->examine('Perl Big'), 'examine "Perl Big"') or diag($imap->LastError);
    my $all = '';
    ok($imap->message_to_file(\$all, @uids), 'message_to_file: all of them in one UID FETCH')
      or diag($imap->LastError);
    is(length $all, length(join '', @big), 'as many bytes as appended');
    ok($all eq join('', @big), 'the same bytes as appended');
    my $sizes = $imap->fetch_hash('RFC822.SIZE');
    is_deeply([map { $sizes->{$_}{'RFC822.SIZE'} } @uids], [map { length } @big], 'RFC822.SIZE of each');
    ok($imap->delete('Perl Big'), 'delete "Perl Big" (selected)') or diag($imap->LastError);
    $imap->Debug(1);
}

ok($imap->logout, 'logout');
ok(!$imap->IsConnected, 'disconnected after logout');

# ---- STARTTLS on the cleartext port ------------------------------------------------------

my $starttls = Mail::IMAPClient->new(
    Server   => 'localhost',
    Port     => $env{PORT},
    Starttls => [@verify, Timeout => 20],
    User     => $env{USER},
    Password => $env{PASSWORD},
    Uid      => 1,
    Peek     => 1,
    Timeout  => 20,
    Debug    => 1,
    Debug_fh => \*STDERR,
);
ok($starttls, 'connect, STARTTLS and log in on the cleartext port') or BAIL_OUT("STARTTLS failed: $@");
ok($starttls->IsAuthenticated, 'authenticated over STARTTLS');
ok($starttls->select('INBOX'), 'select INBOX') or diag($starttls->LastError);
my @inbox = @{ $starttls->messages };
is(scalar @inbox, 1, 'one message in INBOX');
is($starttls->message_string($inbox[0]), $seeded, 'message_string of the message appended by imaplib');
ok($starttls->append_file('INBOX', \$messages{second}), 'append_file') or diag($starttls->LastError);
is($starttls->message_count('INBOX'), 2, 'INBOX has two now');

# IDLE (RFC 2177): another session's APPEND reaches the idling one as EXISTS.
if ($starttls->has_capability('IDLE')) {
    my $idle = $starttls->idle;
    ok($idle, 'IDLE: the server says "+ idling"') or diag($starttls->LastError);
    my $other = connect_tls();
    ok($other, 'a second session') or diag($@);
    ok($other->append_string('INBOX', $messages{first}), 'it appends to INBOX')
      or diag($other->LastError);
    $other->logout;
    my @pushed;
    for (1 .. 50) {    # up to 10 s
        push @pushed, $starttls->idle_data(0.2);
        last if grep { /^\* 3 EXISTS\r?\n?$/ } @pushed;
    }
    ok((grep { /^\* 3 EXISTS\r?\n?$/ } @pushed), 'the idling session hears * 3 EXISTS')
      or diag("pushed while idling: @pushed");
    ok($starttls->done($idle), 'DONE ends IDLE with OK') or diag($starttls->LastError);
    is($starttls->message_count('INBOX'), 3, 'INBOX has three');
} else {
    fail('the server advertises IDLE');
}
ok($starttls->logout, 'logout');

done_testing();
