# Builds src/HelloWork.Web/Accounts/common-passwords.txt: well-known top passwords, keyboard walks
# and common words with the digit/symbol decorations people add to satisfy composition rules.
import itertools
top = """123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321
superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter
buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel
starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom
777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea
biteme matthew access yankees 987654321 dallas austin thunder taylor matrix mobilemail mom monitor monitoring
montana moon moscow welcome welcome1 passw0rd p@ssw0rd p@ssword pa$$word admin administrator root toor
guest login changeme secret abc12345 qwerty123 qwe123 1q2w3e4r 1q2w3e 1q2w3e4r5t zaq12wsx asdf1234
password1 password123 iloveyou1 princess1 sunshine1 football1 baseball1 master1 hello hello123 whatever
nothing internet samsung apple google yahoo microsoft linux windows facebook twitter instagram pokemon
naruto doraemon pikachu tokyo osaka kyoto japan nippon sakura hanako taro yamada suzuki tanaka sato
hellowork harowaku hello-work job jobs shigoto kaisha""".split()
words = """password passw0rd p@ssw0rd p@ssword pa$$word pass word admin root user guest login welcome hello
qwerty qwertyuiop asdf asdfgh asdfghjkl zxcv zxcvbn zxcvbnm qazwsx abc abcd abcdef iloveyou love
monkey dragon master shadow sunshine princess football baseball soccer superman batman michael jordan
letmein trustno1 secret changeme summer winter spring autumn tokyo osaka japan sakura hellowork
apple google yahoo samsung pokemon pikachu naruto doraemon computer internet freedom matrix starwars
test demo sample default system server hunter killer tigger charlie ginger pepper cheese flower""".split()
walks = """1qaz2wsx 1qaz@wsx zaq12wsx zaq1@wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e 1q2w3e4r5t6y qweasd qweasdzxc
qwe123 123qwe 123asd asd123 zxc123 qwer1234 1234qwer asdf1234 1234asdf !qaz2wsx !qaz@wsx 1qaz!qaz
!q2w3e4r 1q2w3e$r 1qa2ws3ed q1w2e3r4 q1w2e3r4t5 a1b2c3d4 a1s2d3f4 z1x2c3v4 abc123 abc12345 abcd1234
1234abcd 123abc qazwsxedc qazxsw qwertyui asdfghjk zxcvbnm, 1qazxsw2 2wsx3edc""".split()
suffixes = ["", "1", "12", "123", "1234", "12345", "01", "007", "2020", "2021", "2022", "2023", "2024", "2025", "2026", "99", "00"]
symbols = ["!", "@", "#", ".", "-", "_", "$", "*", "!!", "?"]
out = set(w.lower() for w in top + walks)
for w in words:
    for s in suffixes:
        out.add(w + s)
        for y in symbols:
            if s:
                out.add(w + s + y)
                out.add(w + y + s)
            else:
                out.add(w + y)
                out.add(y + w)
for w in walks:
    for y in symbols[:6]:
        out.add(w + y)
        out.add(y + w)
for d in range(10):
    for n in range(4, 13):
        out.add(str(d) * n)
for n in range(4, 13):
    out.add("1234567890"[:n]); out.add("0987654321"[:n]); out.add("9876543210"[:n])
for base in ["123456", "12345678", "123456789", "111111", "000000"]:
    for y in symbols:
        out.add(base + y); out.add(y + base)
        for w in ["a", "aa", "abc", "q", "qwe", "pass", "p@ss"]:
            out.add(w + base + y); out.add(w + y + base)
# never the demo or test passwords the project uses
for keep in ["demo-pass1", "test-pass1", "start-pass9"]:
    out.discard(keep)
lines = sorted(x for x in out if 4 <= len(x) <= 40)
open("/work/wt-accounts/src/HelloWork.Web/Accounts/common-passwords.txt", "w").write(
    "# Common passwords refused by ACC-3, compared case-insensitively. Generated (no list could be\n"
    "# downloaded here) from well-known top-password lists, keyboard walks, and common words with the\n"
    "# digits and symbols people add to pass composition rules. One a line; '#' starts a comment.\n"
    + "\n".join(lines) + "\n")
print(len(lines))
