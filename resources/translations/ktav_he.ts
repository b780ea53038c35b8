<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="he_IL">
<context>
    <name>DetailsPanel</name>
    <message>
        <source>A picture no longer in the text</source>
        <translation>תמונה שכבר אינה בטקסט</translation>
    </message>
    <message>
        <source>Picture %1</source>
        <translation>תמונה %1</translation>
    </message>
    <message>
        <source>The first picture of the post</source>
        <translation>התמונה הראשונה בפוסט</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>תמונת שער</translation>
    </message>
    <message>
        <source>The picture of the post's card when it is shared, and of its card under other posts</source>
        <translation>התמונה בכרטיס של הפוסט כשמשתפים אותו, ובכרטיס שלו מתחת לפוסטים אחרים</translation>
    </message>
    <message>
        <source>Cover picture</source>
        <translation>תמונת שער</translation>
    </message>
    <message>
        <source>Double-click a warning to go to its line in the editor</source>
        <translation>לחיצה כפולה על אזהרה מובילה לשורה שלה בעורך</translation>
    </message>
    <message>
        <source>Warnings about the post</source>
        <translation>אזהרות על הפוסט</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>תאריך פרסום</translation>
    </message>
    <message>
        <source>education, data, Negev</source>
        <translation>חינוך, נתונים, נגב</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>כותרת</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>פתיח</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>כותב/ת</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>תגיות</translation>
    </message>
    <message>
        <source>Address (slug)</source>
        <translation>כתובת (slug)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>סטטוס</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>אזהרות</translation>
    </message>
    <message>
        <source>A published post's address cannot change</source>
        <translation>כתובת של פוסט שפורסם אינה משתנה</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>שורה %1: %2</translation>
    </message>
    <message>
        <source>The post's title</source>
        <translation>כותרת הפוסט</translation>
    </message>
    <message>
        <source>One or two sentences under the title</source>
        <translation>משפט או שניים מתחת לכותרת</translation>
    </message>
</context>
<context>
    <name>FindReplaceBar</name>
    <message>
        <source>Find</source>
        <translation>חיפוש</translation>
    </message>
    <message>
        <source>Replace with</source>
        <translation>להחליף ב־</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>הבא</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>הקודם</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>החלפה</translation>
    </message>
    <message>
        <source>Replace all</source>
        <translation>החלפת הכול</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>סגירה (Esc)</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>לא נמצא</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 מתוך %2</translation>
    </message>
    <message numerus="yes">
        <source>%n matches</source>
        <translation>
            <numerusform>תוצאה אחת</numerusform>
            <numerusform>%n תוצאות</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n</source>
        <translation>
            <numerusform>הוחלפה תוצאה אחת</numerusform>
            <numerusform>הוחלפו %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormattingActions</name>
    <message>
        <source>Bold</source>
        <translation>מודגש</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Italic</source>
        <translation>נטוי</translation>
    </message>
    <message>
        <source>I</source>
        <translation>I</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>קישור</translation>
    </message>
    <message>
        <source>Heading 1</source>
        <translation>כותרת 1</translation>
    </message>
    <message>
        <source>H1</source>
        <translation>H1</translation>
    </message>
    <message>
        <source>Heading 2</source>
        <translation>כותרת 2</translation>
    </message>
    <message>
        <source>H2</source>
        <translation>H2</translation>
    </message>
    <message>
        <source>Heading 3</source>
        <translation>כותרת 3</translation>
    </message>
    <message>
        <source>H3</source>
        <translation>H3</translation>
    </message>
    <message>
        <source>Bulleted list</source>
        <translation>רשימת תבליטים</translation>
    </message>
    <message>
        <source>• List</source>
        <translation>• רשימה</translation>
    </message>
    <message>
        <source>Numbered list</source>
        <translation>רשימה ממוספרת</translation>
    </message>
    <message>
        <source>1. List</source>
        <translation>1. רשימה</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>ציטוט</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>תמונה</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>הוספת תמונה</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;צוות</translation>
    </message>
    <message>
        <source>Pictures</source>
        <translation>תמונות</translation>
    </message>
    <message>
        <source>About Ktav</source>
        <translation>אודות כתב</translation>
    </message>
    <message>
        <source>A short guide to the desk</source>
        <translation>מדריך קצר לשולחן הכתיבה</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>קיצורי מקלדת</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;עזרה</translation>
    </message>
    <message>
        <source>„%1” was moved to the trash.</source>
        <translation>„%1” הועבר לאשפה.</translation>
    </message>
    <message>
        <source>Bring the post back from the trash</source>
        <translation>החזרת הפוסט מהאשפה</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>The preview could not show the post: %1</source>
        <translation>התצוגה המקדימה לא הצליחה להציג את הפוסט: %1</translation>
    </message>
    <message>
        <source>Sample posts: %1 added.</source>
        <translation>פוסטים לדוגמה: נוספו %1.</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>קריאה בלבד</translation>
    </message>
    <message>
        <source>Only pictures and posts can be dropped here: %1</source>
        <translation>אפשר לגרור לכאן רק תמונות ופוסטים: %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>לא ניתן לקרוא את הקובץ %1.</translation>
    </message>
    <message>
        <source>Ktav — the blog's writing desk</source>
        <translation>כתב — שולחן הכתיבה של הבלוג</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>פרטים</translation>
    </message>
    <message>
        <source>Related posts</source>
        <translation>פוסטים קשורים</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;קובץ</translation>
    </message>
    <message>
        <source>&amp;New post</source>
        <translation>פוסט &amp;חדש</translation>
    </message>
    <message>
        <source>Load sample posts</source>
        <translation>טעינת פוסטים לדוגמה</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;יציאה</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;עריכה</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;בטל</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;בצע שוב</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>&amp;עיצוב</translation>
    </message>
    <message>
        <source>Formatting</source>
        <translation>עיצוב</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;תצוגה</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>עורך</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>תצוגה מקדימה</translation>
    </message>
    <message>
        <source>Post list</source>
        <translation>רשימת הפוסטים</translation>
    </message>
    <message>
        <source>Details panel</source>
        <translation>חלונית הפרטים</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;הגדרות</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>שפה</translation>
    </message>
    <message>
        <source>The language changes the next time Ktav opens.</source>
        <translation>השפה תתחלף בפעם הבאה שכתב ייפתח.</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>הוספת תמונה</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>תמונות (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>נשמר</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>טרם נשמר</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>שומר…</translation>
    </message>
    <message>
        <source>Not saved!</source>
        <translation>לא נשמר!</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>מילה אחת</numerusform>
            <numerusform>%n מילים</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min read</source>
        <translation>
            <numerusform>דקת קריאה אחת</numerusform>
            <numerusform>%n דקות קריאה</numerusform>
        </translation>
    </message>
    <message>
        <source>Ktav</source>
        <translation>כתב</translation>
    </message>
    <message>
        <source>The post could not be saved. Close anyway and lose the unsaved changes?</source>
        <translation>לא ניתן היה לשמור את הפוסט. לסגור בכל זאת ולאבד את השינויים שלא נשמרו?</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;סקירה</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>סקירה</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>פרסום</translation>
    </message>
</context>
<context>
    <name>PostController</name>
    <message>
        <source>Write and save the post before choosing its cover.</source>
        <translation>יש לכתוב ולשמור את הפוסט לפני שבוחרים לו תמונת שער.</translation>
    </message>
    <message>
        <source>The open post could not be saved, so it stays open.</source>
        <translation>לא ניתן היה לשמור את הפוסט הפתוח, ולכן הוא נשאר פתוח.</translation>
    </message>
    <message>
        <source>Write and save the post before changing its status.</source>
        <translation>כתבו ושמרו את הפוסט לפני שינוי הסטטוס.</translation>
    </message>
    <message>
        <source>Write something first: an empty new post is not saved.</source>
        <translation>כתבו משהו קודם: פוסט חדש וריק אינו נשמר.</translation>
    </message>
</context>
<context>
    <name>PostList</name>
    <message>
        <source>The posts</source>
        <translation>הפוסטים</translation>
    </message>
    <message>
        <source>Search posts</source>
        <translation>חיפוש בפוסטים</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ללא כותרת)</translation>
    </message>
    <message>
        <source>Search posts…</source>
        <translation>חיפוש בפוסטים…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>כל הסטטוסים</translation>
    </message>
    <message>
        <source>Last changed</source>
        <translation>שינוי אחרון</translation>
    </message>
    <message>
        <source>Publication date</source>
        <translation>תאריך פרסום</translation>
    </message>
    <message>
        <source>New post</source>
        <translation>פוסט חדש</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>העברה לאשפה</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>אשפה</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>שחזור</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>ריקון האשפה</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n post(s) in the trash for good?</source>
        <translation>
            <numerusform>למחוק לצמיתות את הפוסט שבאשפה?</numerusform>
            <numerusform>למחוק לצמיתות את %n הפוסטים שבאשפה?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n word(s)</source>
        <translation>
            <numerusform>מילה אחת</numerusform>
            <numerusform>%n מילים</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SaveBanner</name>
    <message>
        <source>This library is open for reading only: nothing can be changed or saved.</source>
        <translation>הספרייה פתוחה לקריאה בלבד: אי אפשר לשנות או לשמור דבר.</translation>
    </message>
    <message>
        <source>Try again now</source>
        <translation>לנסות שוב עכשיו</translation>
    </message>
    <message>
        <source>Not saved: %1
Your text is safe in the editor; saving is retried.</source>
        <translation>לא נשמר: %1
הטקסט שלכם שמור בעורך, והשמירה תנוסה שוב.</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <source>Markdown: a blank line between paragraphs, # for headings, - for lists</source>
        <translation>מרקדאון: שורה ריקה בין פסקאות, # לכותרות, - לרשימות</translation>
    </message>
    <message>
        <source>The post's text</source>
        <translation>טקסט הפוסט</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>חיפוש</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>החלפה</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Draft</source>
        <translation>טיוטה</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>בבדיקה</translation>
    </message>
    <message>
        <source>Changes requested</source>
        <translation>נדרשים שינויים</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>מאושר</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>פורסם</translation>
    </message>
</context>
<context>
    <name>CommentCard</name>
    <message>
        <source>The text this comment was about is gone</source>
        <translation>הטקסט שההערה התייחסה אליו כבר לא קיים</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>תגובה…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>פתיחה מחדש</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>סימון כטופלה</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>ללא שם</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>טופלה</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>A new comment</source>
        <translation>הערה חדשה</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>הערות</translation>
    </message>
    <message>
        <source>Show resolved</source>
        <translation>הצגת הערות שטופלו</translation>
    </message>
    <message>
        <source>Select text in the post to comment on it</source>
        <translation>סמנו טקסט בפוסט כדי להעיר עליו</translation>
    </message>
    <message>
        <source>Your comment</source>
        <translation>ההערה שלך</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>הוספת הערה</translation>
    </message>
    <message>
        <source>Comment on: %1</source>
        <translation>הערה על: %1</translation>
    </message>
    <message>
        <source>Comments (%1 open)</source>
        <translation>הערות (%1 פתוחות)</translation>
    </message>
    <message>
        <source>Add the comment (Ctrl+Enter)</source>
        <translation>הוספת ההערה (Ctrl+Enter)</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>Take this version</source>
        <translation>לקחת את הגרסה הזאת</translation>
    </message>
    <message>
        <source>From the text now to the version of %1 (%2)</source>
        <translation>מהטקסט כעת אל הגרסה של %1 (%2)</translation>
    </message>
    <message>
        <source>What changed between the two revisions</source>
        <translation>מה השתנה בין שתי הגרסאות</translation>
    </message>
    <message>
        <source>Columns of the revisions</source>
        <translation>עמודות רשימת הגרסאות</translation>
    </message>
    <message>
        <source>The post's revisions</source>
        <translation>הגרסאות של הפוסט</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>זמן</translation>
    </message>
    <message>
        <source>By</source>
        <translation>מאת</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>סיבה</translation>
    </message>
    <message>
        <source>Pick a revision to see what it changed, or two to compare them (Ctrl+click)</source>
        <translation>בחרו גרסה כדי לראות מה השתנה בה, או שתיים כדי להשוות ביניהן (Ctrl+לחיצה)</translation>
    </message>
    <message>
        <source>Restore this revision</source>
        <translation>שחזור הגרסה הזו</translation>
    </message>
    <message>
        <source>From %1 to %2</source>
        <translation>מ-%1 עד %2</translation>
    </message>
    <message>
        <source>Pick at most two revisions</source>
        <translation>אפשר לבחור עד שתי גרסאות</translation>
    </message>
    <message>
        <source>The open text could not be saved, so nothing was restored.</source>
        <translation>לא ניתן היה לשמור את הטקסט הפתוח, ולכן לא שוחזר דבר.</translation>
    </message>
</context>
<context>
    <name>ReviewMode</name>
    <message>
        <source>Your name</source>
        <translation>השם שלך</translation>
    </message>
    <message>
        <source>Ktav signs your comments, status changes and saved versions with your name, so that editors and writers know who wrote what. Your name:</source>
        <translation>כתב חותם בשמך על הערות, שינויי סטטוס וגרסאות שמורות, כדי שעורכים וכותבים יידעו מי כתב מה. השם שלך:</translation>
    </message>
    <message>
        <source>Send back for review</source>
        <translation>שליחה חוזרת לבדיקה</translation>
    </message>
    <message>
        <source>Send for review</source>
        <translation>שליחה לבדיקה</translation>
    </message>
    <message>
        <source>Request changes</source>
        <translation>בקשת שינויים</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>אישור</translation>
    </message>
    <message>
        <source>Mark as published</source>
        <translation>סימון כפורסם</translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation>החזרה לטיוטה</translation>
    </message>
    <message>
        <source>Note for the status change (optional)</source>
        <translation>הערה לשינוי הסטטוס (לא חובה)</translation>
    </message>
</context>
<context>
    <name>BundleActions</name>
    <message>
        <source>Ktav review bundle (*.ktav)</source>
        <translation>חבילת סקירה של כתב (*.ktav)</translation>
    </message>
    <message>
        <source>Review bundle</source>
        <translation>חבילת סקירה</translation>
    </message>
    <message>
        <source>Save for review</source>
        <translation>שמירה לסקירה</translation>
    </message>
    <message>
        <source>Saved %1: send it to the editor; they open it with Open review bundle.</source>
        <translation>נשמר %1: שלחו אותו לעורך/ת, שיפתחו אותו ב„פתיחת חבילת סקירה”.</translation>
    </message>
    <message>
        <source>Open review bundle</source>
        <translation>פתיחת חבילת סקירה</translation>
    </message>
</context>
<context>
    <name>CommentsFeed</name>
    <message>
        <source>The text this comment was about is gone</source>
        <translation>הטקסט שההערה התייחסה אליו כבר לא קיים</translation>
    </message>
</context>
<context>
    <name>ReviewDesk</name>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;שמירה</translation>
    </message>
    <message>
        <source>Save for review (.ktav)…</source>
        <translation>שמירה לסקירה (.ktav)…</translation>
    </message>
    <message>
        <source>Open review bundle…</source>
        <translation>פתיחת חבילת סקירה…</translation>
    </message>
    <message>
        <source>Add comment</source>
        <translation>הוספת הערה</translation>
    </message>
    <message>
        <source>Comment on the selected text (Ctrl+Alt+M)</source>
        <translation>הערה על הטקסט המסומן (Ctrl+Alt+M)</translation>
    </message>
    <message>
        <source>Review mode</source>
        <translation>מצב סקירה</translation>
    </message>
    <message>
        <source>The post as the site will show it, read-only, with its comments (Ctrl+Shift+R)</source>
        <translation>הפוסט כפי שיופיע באתר, לקריאה בלבד, עם ההערות שלו (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <source>Revision history</source>
        <translation>היסטוריית גרסאות</translation>
    </message>
    <message>
        <source>Your name…</source>
        <translation>השם שלך…</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>הערות</translation>
    </message>
    <message>
        <source>History</source>
        <translation>היסטוריה</translation>
    </message>
    <message>
        <source>Select the text to comment on, in the editor or the preview.</source>
        <translation>סמנו את הטקסט שעליו תרצו להעיר, בעורך או בתצוגה המקדימה.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>השם שלך</translation>
    </message>
    <message>
        <source>Ktav signs your comments, status changes and saved versions with your name, so that editors and writers know who wrote what. Your name:</source>
        <translation>כתב חותם בשמך על הערות, שינויי סטטוס וגרסאות שמורות, כדי שעורכים וכותבים יידעו מי כתב מה. השם שלך:</translation>
    </message>
    <message>
        <source>Write and save the post before reviewing it.</source>
        <translation>כתבו ושמרו את הפוסט לפני הסקירה.</translation>
    </message>
    <message>
        <source>Write and save the post before sending it for review.</source>
        <translation>כתבו ושמרו את הפוסט לפני שליחתו לסקירה.</translation>
    </message>
    <message>
        <source>The open post could not be saved, so nothing was imported.</source>
        <translation>לא ניתן היה לשמור את הפוסט הפתוח, ולכן לא יובא דבר.</translation>
    </message>
    <message>
        <source>The post is now: %1</source>
        <translation>מצב הפוסט עכשיו: %1</translation>
    </message>
    <message>
        <source>The text before a restore</source>
        <translation>הטקסט שלפני השחזור</translation>
    </message>
    <message>
        <source>The revision was restored; the text before it stays in the history.</source>
        <translation>הגרסה שוחזרה; הטקסט שלפניה נשאר בהיסטוריה.</translation>
    </message>
    <message>
        <source>Comments (%1)</source>
        <translation>הערות (%1)</translation>
    </message>
    <message>
        <source>Saved; the history keeps this text</source>
        <translation>נשמר; הטקסט הזה שמור בהיסטוריה</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>One page alone: its links back to the blog and to the related posts work only when the whole blog is uploaded with it (choose All posts for that).</source>
        <translation>עמוד בודד: הקישורים שלו לדף הבלוג ולפוסטים הקשורים יעבדו רק אם כל הבלוג יועלה יחד איתו (לשם כך יש לבחור „כל הפוסטים”).</translation>
    </message>
    <message numerus="yes">
        <source>%n post(s) could not be exported:</source>
        <translation>
            <numerusform>פוסט אחד לא יוצא:</numerusform>
            <numerusform>%n פוסטים לא יוצאו:</numerusform>
        </translation>
    </message>
    <message>
        <source>Export</source>
        <translation>ייצוא</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>בחירה…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>תיקייה:</translation>
    </message>
    <message>
        <source>Site page</source>
        <translation>עמוד לאתר</translation>
    </message>
    <message>
        <source>Fragment for the CMS</source>
        <translation>קטע להדבקה במערכת האתר</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>פורמט:</translation>
    </message>
    <message>
        <source>This post</source>
        <translation>הפוסט הזה</translation>
    </message>
    <message>
        <source>All approved and published posts</source>
        <translation>כל הפוסטים המאושרים והמפורסמים</translation>
    </message>
    <message>
        <source>Posts:</source>
        <translation>פוסטים:</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>ייצוא בכל זאת</translation>
    </message>
    <message>
        <source>Export even though the check found errors</source>
        <translation>לייצא למרות שהבדיקה מצאה שגיאות</translation>
    </message>
    <message>
        <source>Open the folder</source>
        <translation>פתיחת התיקייה</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>סגירה</translation>
    </message>
    <message>
        <source>No post is open: the export takes all approved and published posts.</source>
        <translation>אין פוסט פתוח: הייצוא יכלול את כל הפוסטים המאושרים והמפורסמים.</translation>
    </message>
    <message>
        <source>The pre-publish check found nothing to fix.</source>
        <translation>בדיקת טרום-הפרסום לא מצאה דבר שצריך לתקן.</translation>
    </message>
    <message>
        <source>The pre-publish check: %1 error(s), %2 warning(s).</source>
        <translation>בדיקת טרום-הפרסום — שגיאות: %1, אזהרות: %2.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>שגיאה</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>אזהרה</translation>
    </message>
    <message>
        <source> (line %1)</source>
        <translation> (שורה %1)</translation>
    </message>
    <message>
        <source>The check found errors: fix them or tick Export anyway</source>
        <translation>הבדיקה מצאה שגיאות: יש לתקן אותן או לסמן "ייצוא בכל זאת"</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>תיקיית הייצוא</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>מייצא…</translation>
    </message>
    <message>
        <source>The pre-publish check found errors: nothing was exported.</source>
        <translation>בדיקת טרום-הפרסום מצאה שגיאות: שום דבר לא יוצא.</translation>
    </message>
    <message>
        <source>Fix the errors, or tick Export anyway.</source>
        <translation>יש לתקן את השגיאות, או לסמן "ייצוא בכל זאת".</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>הייצוא נכשל: %1</translation>
    </message>
    <message>
        <source>Exported to %1: %2 file(s) written, %3 unchanged.</source>
        <translation>הייצוא אל %1 הסתיים: נכתבו %2 קבצים, %3 לא השתנו.</translation>
    </message>
    <message>
        <source>Double-click a finding with a line to go to it in the editor.</source>
        <translation>לחיצה כפולה על ממצא שיש לו מספר שורה מעבירה את הסמן לשורה הזו בעורך.</translation>
    </message>
    <message>
        <source>The open post could not be saved, so it was not exported.</source>
        <translation>לא ניתן היה לשמור את הפוסט הפתוח, ולכן הוא לא יוצא.</translation>
    </message>
</context>
<context>
    <name>PublishDesk</name>
    <message>
        <source>Bring the post's web images into the library</source>
        <translation>הורדת התמונות מהרשת אל הספרייה</translation>
    </message>
    <message>
        <source>Pictures the post loads from other sites are downloaded and kept in the library, so the page no longer depends on them</source>
        <translation>תמונות שהפוסט טוען מאתרים אחרים יורדו וישמרו בספרייה, כך שהעמוד לא יהיה תלוי בהן עוד</translation>
    </message>
    <message>
        <source>Write and save the post first.</source>
        <translation>יש לכתוב ולשמור את הפוסט קודם.</translation>
    </message>
    <message>
        <source>The post loads no pictures from other sites.</source>
        <translation>הפוסט אינו טוען תמונות מאתרים אחרים.</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n picture(s)…</source>
        <translation>
            <numerusform>מוריד תמונה אחת…</numerusform>
            <numerusform>מוריד %n תמונות…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) brought into the library.</source>
        <translation>
            <numerusform>תמונה אחת נשמרה בספרייה.</numerusform>
            <numerusform>%n תמונות נשמרו בספרייה.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not fetched: %1</source>
        <translation>לא הורדו: %1</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;ייצוא…</translation>
    </message>
    <message>
        <source>Check the post and export it for the site (Ctrl+E)</source>
        <translation>בדיקת הפוסט וייצוא שלו לאתר (Ctrl+E)</translation>
    </message>
    <message>
        <source>Copy for the CMS</source>
        <translation>העתקה למערכת האתר</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>י&amp;יבוא קבצים…</translation>
    </message>
    <message>
        <source>Site settings…</source>
        <translation>הגדרות האתר…</translation>
    </message>
    <message>
        <source>The open post could not be saved, so it cannot be exported yet.</source>
        <translation>לא ניתן היה לשמור את הפוסט הפתוח, ולכן עוד אי אפשר לייצא אותו.</translation>
    </message>
    <message>
        <source>Copied for the CMS: paste it into the site's editor.</source>
        <translation>הועתק: אפשר להדביק בעורך של מערכת האתר.</translation>
    </message>
    <message>
        <source>Site settings saved.</source>
        <translation>הגדרות האתר נשמרו.</translation>
    </message>
</context>
<context>
    <name>SiteSettingsDialog</name>
    <message>
        <source>A warning in the pre-publish check</source>
        <translation>אזהרה בבדיקה לפני פרסום</translation>
    </message>
    <message>
        <source>An error: the pre-publish check stops the export</source>
        <translation>שגיאה: הבדיקה לפני פרסום עוצרת את הייצוא</translation>
    </message>
    <message>
        <source>JPEG</source>
        <translation>⁦JPEG⁩</translation>
    </message>
    <message>
        <source>WebP (smaller files)</source>
        <translation>⁦WebP⁩ (קבצים קטנים יותר)</translation>
    </message>
    <message>
        <source>Not allowed: the pre-publish check stops the export</source>
        <translation>אסורות: הבדיקה שלפני הפרסום עוצרת את הייצוא</translation>
    </message>
    <message>
        <source>Allowed, with a warning in the pre-publish check</source>
        <translation>מותרות, עם אזהרה בבדיקה שלפני הפרסום</translation>
    </message>
    <message>
        <source>Site settings</source>
        <translation>הגדרות האתר</translation>
    </message>
    <message>
        <source>How exported pages address and present the blog.</source>
        <translation>ההגדרות קובעות את הכתובות ואת המראה של העמודים המיוצאים.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>שמירה</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>Inlined in each page</source>
        <translation>בתוך כל עמוד</translation>
    </message>
    <message>
        <source>A linked site.css file</source>
        <translation>קובץ ⁦site.css⁩ מקושר</translation>
    </message>
    <message>
        <source>Files in assets/ beside the page</source>
        <translation>קבצים בתיקייה ⁦assets⁩ ליד העמוד</translation>
    </message>
    <message>
        <source>Inlined in the page (a single file)</source>
        <translation>בתוך העמוד (קובץ יחיד)</translation>
    </message>
</context>
<context>
    <name>ImportActions</name>
    <message>
        <source>Pictures not brought in: %1</source>
        <translation>תמונות שלא הובאו: %1</translation>
    </message>
    <message>
        <source>Posts (%1)</source>
        <translation>פוסטים (%1)</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>ייבוא קבצים</translation>
    </message>
    <message>
        <source>Skip them, update the stored posts (a revision keeps what they were), or add them as copies under a new address?</source>
        <translation>לדלג עליהם, לעדכן את הפוסטים השמורים (הגרסה הקודמת נשמרת בהיסטוריה), או להוסיף אותם כעותקים בכתובת חדשה?</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>דלג</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>עדכן</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>העתק</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>שום דבר לא יובא.</translation>
    </message>
    <message>
        <source>Imported: %1 added, %2 updated, %3 skipped.</source>
        <translation>ייבוא: נוספו %1, עודכנו %2, דולגו %3.</translation>
    </message>
</context>
<context>
    <name>LinkChips</name>
    <message>
        <source>image</source>
        <translation>תמונה</translation>
    </message>
</context>
<context>
    <name>ImageDialog</name>
    <message>
        <source>Cancel</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>הוספה</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>כיתוב</translation>
    </message>
    <message>
        <source>Optional: printed under the picture</source>
        <translation>לא חובה: יודפס מתחת לתמונה</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>תיאור התמונה (טקסט חלופי)</translation>
    </message>
    <message>
        <source>For example: pupils planting trees in the school yard</source>
        <translation>לדוגמה: תלמידים שותלים עצים בחצר בית הספר</translation>
    </message>
    <message>
        <source>File</source>
        <translation>קובץ</translation>
    </message>
    <message>
        <source>What does the picture show? Screen readers read this to blind readers, and it shows where the picture does not load.</source>
        <translation>מה רואים בתמונה? קוראי מסך מקריאים את התיאור לקוראים עיוורים, והוא מוצג כשהתמונה לא נטענת.</translation>
    </message>
    <message>
        <source>Describe the picture</source>
        <translation>תיאור התמונה</translation>
    </message>
</context>
<context>
    <name>IncomingFiles</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.heic *.heif)</source>
        <translation>תמונות (*.png *.jpg *.jpeg *.gif *.webp *.heic *.heif)</translation>
    </message>
    <message>
        <source>Only pictures and posts can be dropped here: %1</source>
        <translation>אפשר לגרור לכאן רק תמונות ופוסטים: %1</translation>
    </message>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>לא ניתן לקרוא את הקובץ %1.</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp)</source>
        <translation>תמונות (*.png *.jpg *.jpeg *.gif *.webp)</translation>
    </message>
    <message>
        <source>Insert image</source>
        <translation>הוספת תמונה</translation>
    </message>
</context>
<context>
    <name>FittedLayout</name>
    <message>
        <source>Posts</source>
        <translation>פוסטים</translation>
    </message>
</context>
<context>
    <name>RelatedPanel</name>
    <message>
        <source>Suggested related posts</source>
        <translation>הצעות לפוסטים קשורים</translation>
    </message>
    <message>
        <source>Chosen related posts</source>
        <translation>הפוסטים הקשורים שנבחרו</translation>
    </message>
    <message>
        <source>No related posts yet</source>
        <translation>אין עדיין פוסטים קשורים</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>ציון %1</translation>
    </message>
    <message>
        <source>because of: %1</source>
        <translation>בגלל: %1</translation>
    </message>
    <message>
        <source>No suggestions could be found: %1</source>
        <translation>לא ניתן לחשב הצעות: %1</translation>
    </message>
    <message>
        <source>Finding suggestions…</source>
        <translation>מחשב הצעות…</translation>
    </message>
    <message>
        <source>%1 – not exported</source>
        <translation>%1 – לא ייכלל בייצוא</translation>
    </message>
    <message>
        <source>not in the library</source>
        <translation>לא נמצא בספרייה</translation>
    </message>
    <message>
        <source>%1. post %2</source>
        <translation>%1. פוסט %2</translation>
    </message>
    <message>
        <source>The choice was not saved: %1</source>
        <translation>הבחירה לא נשמרה: %1</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>הצעות</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>נבחרו</translation>
    </message>
    <message>
        <source>The first %1 posts appear at the end of the post, under "You may also be interested". When fewer are chosen, the suggestions fill the rest.</source>
        <translation>%1 הפוסטים הראשונים יופיעו בסוף הפוסט תחת "אולי יעניין אותך גם". כשנבחרו פחות, ההשלמה היא מההצעות.</translation>
    </message>
    <message>
        <source>Show drafts among the suggestions (they are not exported)</source>
        <translation>הצגת טיוטות בהצעות (לא ייכללו בייצוא)</translation>
    </message>
    <message>
        <source>Add to the chosen</source>
        <translation>הוספה לנבחרים</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>הסרה</translation>
    </message>
    <message>
        <source>▼ Down</source>
        <translation>▼ למטה</translation>
    </message>
    <message>
        <source>▲ Up</source>
        <translation>▲ למעלה</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>ללא תאריך</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>Files of type:</source>
        <translation>סוג הקבצים:</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>חיפוש ב:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;סוג הקבצים:</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;חיפוש ב:</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>About Ktav</source>
        <translation>אודות כתב</translation>
    </message>
    <message>
        <source>The library:</source>
        <translation>הספרייה:</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>גרסה %1</translation>
    </message>
    <message>
        <source>Ktav — the blog writing desk</source>
        <translation>כתב — שולחן הכתיבה של הבלוג</translation>
    </message>
    <message>
        <source>A short guide to the desk</source>
        <translation>מדריך קצר לשולחן הכתיבה</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>קיצורי מקלדת</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>סגירה</translation>
    </message>
    <message>
        <source>Word by word (an acronym like רש"י is one word)</source>
        <translation>מילה אחר מילה (ראשי תיבות כמו רש"י הם מילה אחת)</translation>
    </message>
    <message>
        <source>Paste the plain text only</source>
        <translation>הדבקת הטקסט בלבד, בלי עיצוב</translation>
    </message>
    <message>
        <source>A new line without a new list item</source>
        <translation>שורה חדשה בלי פריט חדש ברשימה</translation>
    </message>
    <message>
        <source>In a list: the item moves in or out</source>
        <translation>ברשימה: הזזת הפריט פנימה או החוצה</translation>
    </message>
    <message>
        <source>In a list or a quote: the next item; on an empty item: the list ends</source>
        <translation>ברשימה או בציטוט: הפריט הבא; על פריט ריק: סוף הרשימה</translation>
    </message>
    <message>
        <source>A new paragraph</source>
        <translation>פסקה חדשה</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>A note for the status change</source>
        <translation>הערה לשינוי הסטטוס</translation>
    </message>
</context>
<context>
    <name>SpellingMenu</name>
    <message>
        <source>Ignore</source>
        <translation>התעלמות</translation>
    </message>
    <message>
        <source>Add to the blog's words</source>
        <translation>הוספה למילון הבלוג</translation>
    </message>
    <message>
        <source>Add to dictionary</source>
        <translation>הוספה למילון</translation>
    </message>
    <message>
        <source>No suggestions</source>
        <translation>אין הצעות</translation>
    </message>
</context>
<context>
    <name>SpellingDesk</name>
    <message>
        <source>Underline the words the Hebrew dictionary does not know (F7)</source>
        <translation>קו תחתון מתחת למילים שהמילון העברי אינו מכיר (F7)</translation>
    </message>
    <message>
        <source>Spell check</source>
        <translation>בדיקת איות</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Ktav library (*.sqlite)</source>
        <translation>ספריית כתב (*.sqlite)</translation>
    </message>
    <message>
        <source>New library file</source>
        <translation>קובץ הספרייה החדשה</translation>
    </message>
    <message>
        <source>New library file:</source>
        <translation>קובץ הספרייה החדשה:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>בחירה…</translation>
    </message>
    <message>
        <source>A new library is made on this computer from the team's repository; you write in it offline, and a sync shares your changes.</source>
        <translation>במחשב הזה תיווצר ספרייה חדשה מהמאגר של הצוות; כותבים בה גם בלי רשת, וסנכרון משתף את השינויים.</translation>
    </message>
    <message>
        <source>Join a team library</source>
        <translation>הצטרפות לספרייה משותפת</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Every post of this library, with its comments and history of review, goes into an empty git repository the team can reach; others join it from there.</source>
        <translation>כל הפוסטים של הספרייה, עם ההערות ומסלול העריכה שלהם, יעברו למאגר git ריק שהצוות יכול להגיע אליו; שאר הצוות יצטרפו משם.</translation>
    </message>
    <message>
        <source>Share this library</source>
        <translation>שיתוף הספרייה הזאת</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync now (Ctrl+Shift+S)</source>
        <translation>סנכרון עכשיו (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>סנכרון אחרון %1</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>מסונכרן</translation>
    </message>
    <message>
        <source>Changes to send: %1</source>
        <translation>שינויים לשליחה: %1</translation>
    </message>
    <message>
        <source>The last sync failed</source>
        <translation>הסנכרון האחרון נכשל</translation>
    </message>
    <message>
        <source>changes to send: %1</source>
        <translation>שינויים לשליחה: %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>לא מחובר</translation>
    </message>
    <message>
        <source>Conflicts to look at: %1</source>
        <translation>התנגשויות לבדיקה: %1</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>מסנכרן…</translation>
    </message>
</context>
<context>
    <name>TeamDesk</name>
    <message>
        <source>The library is shared: %1 posts, sent at the next sync (the remote was not reached).</source>
        <translation>הספרייה שותפה: %1 פוסטים, שיישלחו בסנכרון הבא (לא ניתן היה להגיע למאגר).</translation>
    </message>
    <message>
        <source>The library is shared: %1 posts sent.</source>
        <translation>הספרייה שותפה: %1 פוסטים נשלחו.</translation>
    </message>
    <message>
        <source>The open post could not be saved, so nothing was shared.</source>
        <translation>לא ניתן היה לשמור את הפוסט הפתוח, ולכן שום דבר לא שותף.</translation>
    </message>
    <message>
        <source>This library is shared already.</source>
        <translation>הספרייה הזאת כבר משותפת.</translation>
    </message>
    <message>
        <source>Joined: the team library is at %1; it opens in a new window.</source>
        <translation>הצטרפת: הספרייה המשותפת נמצאת ב-%1, והיא נפתחת בחלון חדש.</translation>
    </message>
    <message>
        <source>No conflicts to look at.</source>
        <translation>אין התנגשויות לבדיקה.</translation>
    </message>
    <message>
        <source>This library is not shared with a team: share it, or join one.</source>
        <translation>הספרייה הזאת אינה משותפת עם צוות: שתפו אותה או הצטרפו לספרייה משותפת.</translation>
    </message>
    <message>
        <source>Show the next conflict</source>
        <translation>הצגת ההתנגשות הבאה</translation>
    </message>
    <message>
        <source>Share this library…</source>
        <translation>שיתוף הספרייה הזאת…</translation>
    </message>
    <message>
        <source>Join a team library…</source>
        <translation>הצטרפות לספרייה משותפת…</translation>
    </message>
    <message>
        <source>Send your changes and bring the team's (Ctrl+Shift+S)</source>
        <translation>שליחת השינויים שלך וקבלת השינויים של הצוות (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Sync with the team</source>
        <translation>סנכרון עם הצוות</translation>
    </message>
</context>
<context>
    <name>TeamDialog</name>
    <message>
        <source>Working… (this may take a while for a large library)</source>
        <translation>בעבודה… (בספרייה גדולה זה עשוי להימשך זמן מה)</translation>
    </message>
    <message>
        <source>Write the address of the team repository.</source>
        <translation>יש לכתוב את כתובת המאגר של הצוות.</translation>
    </message>
    <message>
        <source>Password or token (kept in the system keyring):</source>
        <translation>סיסמה או אסימון (נשמרים במחזיק הסיסמאות של המערכת):</translation>
    </message>
    <message>
        <source>User name (HTTPS, optional):</source>
        <translation>שם משתמש (HTTPS, לא חובה):</translation>
    </message>
    <message>
        <source>Address of the team repository:</source>
        <translation>כתובת המאגר של הצוות:</translation>
    </message>
</context>
<context>
    <name>_ImageRow</name>
    <message>
        <source>The picture is not in the library</source>
        <translation>התמונה אינה נמצאת בספרייה</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>כיתוב</translation>
    </message>
    <message>
        <source>Alt text</source>
        <translation>תיאור התמונה (טקסט חלופי)</translation>
    </message>
    <message>
        <source>Caption of picture %1</source>
        <translation>כיתוב של תמונה %1</translation>
    </message>
    <message>
        <source>Optional: printed under the picture</source>
        <translation>לא חובה: יודפס מתחת לתמונה</translation>
    </message>
    <message>
        <source>Alt text of picture %1</source>
        <translation>תיאור תמונה %1 (טקסט חלופי)</translation>
    </message>
    <message>
        <source>What does the picture show? (needed to publish)</source>
        <translation>מה רואים בתמונה? (נדרש לפרסום)</translation>
    </message>
    <message>
        <source>Picture %1</source>
        <translation>תמונה %1</translation>
    </message>
</context>
<context>
    <name>ImagesPanel</name>
    <message>
        <source>The post has no pictures yet. Add one from the toolbar, or drop or paste it into the text.</source>
        <translation>אין עדיין תמונות בפוסט. אפשר להוסיף תמונה מסרגל הכלים, או לגרור או להדביק אותה לתוך הטקסט.</translation>
    </message>
</context>
</TS>